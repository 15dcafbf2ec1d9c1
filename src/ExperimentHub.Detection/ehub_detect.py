#!/usr/bin/env python3
"""Finds the hyperparameters of a Python training script and rewrites it to read them from EXPERIMENTHUB_PARAMS.

Standard library only. The script is parsed with the `ast` module and never imported or run. The table of known
layer parameters (hyperparameters.csv beside this file, extended by --metadata FILE) decides what counts.

Usage: python3 ehub_detect.py SCRIPT [--metadata FILE]... [--display NAME]
Writes one JSON object to standard output: {"ok": true, "parameters": [...], "skipped": [...], "rewritten": "..."}
or {"ok": false, "error": {"kind": "syntax|not-python|metadata|io", "message", "line"?, "column"?}}.
"""

import argparse
import ast
import csv
import json
import os
import re
import sys

COLUMNS = ["layer", "parameter", "distribution", "position", "base_class", "type", "min", "max", "integer", "choices"]
DISTRIBUTIONS = ("uniform", "log-uniform", "choice")
TYPES = ("number", "string", "bool")
PYTHON_EXTENSIONS = (".py", ".pyw")
HELPER_NAME = "_ehub_param"

# Where a framework lives under another name; names are compared after these prefixes are replaced.
MODULE_ALIASES = [
    ("tensorflow.python.keras.", "keras."),
    ("tensorflow.keras.", "keras."),
    ("tf_keras.", "keras."),
    ("keras.src.", "keras."),
]

# A width changed in one PyTorch layer must be changed in the next layer's input too: out_features=128 is followed
# by in_features=128. The first positional argument of these layers is that input.
# The packages whose import makes a method rule (".fit" with base class "keras") apply.
FRAMEWORK_PACKAGES = {"keras": ("keras", "tensorflow", "tf_keras")}

# The last of these layers in the file is taken to be the model's output: its size is the number
# of classes or targets, and its activation belongs to the loss, so neither is searched.
OUTPUT_LAYERS = {"keras.layers.Dense": ("units", "activation"), "torch.nn.Linear": ("out_features",)}

TORCH_INPUTS = {
    "out_features": ("Linear", "Bilinear"),
    "out_channels": ("Conv1d", "Conv2d", "Conv3d", "BatchNorm1d", "BatchNorm2d", "BatchNorm3d"),
}


class DetectError(Exception):
    def __init__(self, kind, message, line=None, column=None):
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.line = line
        self.column = column


class Rule:
    """One row of the metadata table."""

    def __init__(self, row, where):
        def fail(message):
            raise DetectError("metadata", "%s: %s" % (where, message))

        self.layer = row["layer"].strip()
        self.parameter = row["parameter"].strip()
        self.distribution = row["distribution"].strip()
        self.base_class = row["base_class"].strip()
        self.type = row["type"].strip()
        self.integer = row["integer"].strip().lower() in ("true", "yes", "1")
        if not self.layer or not self.parameter or not self.base_class:
            fail("layer, parameter and base_class are required")
        if self.distribution not in DISTRIBUTIONS:
            fail("distribution must be one of %s, not '%s'" % (", ".join(DISTRIBUTIONS), self.distribution))
        if self.type not in TYPES:
            fail("type must be one of %s, not '%s'" % (", ".join(TYPES), self.type))
        position = row["position"].strip()
        if position and not position.isdigit():
            fail("position must be empty or a whole number, not '%s'" % position)
        self.position = int(position) if position else None
        self.min = self.max = None
        if self.distribution == "choice":
            raw = [c.strip() for c in row["choices"].split("|") if c.strip()]
            if not raw:
                fail("a choice needs choices, separated by '|'")
            self.choices = [self.convert(c, fail) for c in raw]
        else:
            if self.type != "number":
                fail("a %s distribution needs type number" % self.distribution)
            self.choices = None
            try:
                self.min = float(row["min"])
                self.max = float(row["max"])
            except ValueError:
                fail("min and max must be numbers")
            if self.min >= self.max:
                fail("min must be less than max")
            if self.distribution == "log-uniform" and self.min <= 0:
                fail("a log-uniform range needs min > 0")

    def convert(self, text, fail):
        if self.type == "string":
            return text
        if self.type == "bool":
            if text.lower() not in ("true", "false"):
                fail("a bool choice is true or false, not '%s'" % text)
            return text.lower() == "true"
        try:
            return int(text) if self.integer else float(text)
        except ValueError:
            fail("'%s' is not a %s" % (text, "whole number" if self.integer else "number"))

    def accepts(self, value):
        if self.type == "bool":
            return isinstance(value, bool)
        if self.type == "string":
            return isinstance(value, str)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return False
        return isinstance(value, int) or not self.integer


def load_rules(paths):
    """The rows of every table, later files first, so that a user's row is chosen over the shipped one."""
    rules = []
    for path in paths:
        try:
            with open(path, newline="", encoding="utf-8") as handle:
                reader = csv.DictReader(handle)
                missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
                if missing:
                    raise DetectError("metadata", "%s: missing column(s) %s; the columns are %s" % (path, ", ".join(missing), ", ".join(COLUMNS)))
                rows = [Rule(row, "%s:%d" % (path, reader.line_num)) for row in reader]
        except OSError as e:
            raise DetectError("metadata", "%s: %s" % (path, e.strerror or e))
        rules = rows + rules
    return rules


def normalise(name):
    for prefix, replacement in MODULE_ALIASES:
        if name == prefix[:-1]:
            return replacement[:-1]
        if name.startswith(prefix):
            return replacement + name[len(prefix):]
    return name


def snake(name):
    name = re.sub(r"(?<=[a-z])(?=[A-Z][a-z])", "_", name)
    return name.lower()


class Binding:
    """One place where a name gets a value: the value node for a plain assignment, None for anything else."""

    def __init__(self, node, value, kind, function=None, index=None):
        self.node = node
        self.value = value
        self.kind = kind  # assign | parameter | other
        self.function = function
        self.index = index


class Scope:
    def __init__(self, node, parent):
        self.node = node
        self.parent = parent
        self.bindings = {}
        self.globals = set()

    def bind(self, name, binding):
        self.bindings.setdefault(name, []).append(binding)


class Literal:
    def __init__(self, value, sites, via=None, via_line=None):
        self.value = value
        self.sites = sites  # the nodes whose text is the value
        self.via = via  # the variable that holds it
        self.via_line = via_line


class Skip:
    def __init__(self, reason):
        self.reason = reason


class Detector:
    def __init__(self, source, tree, rules):
        self.source = source
        self.lines = source.splitlines()
        self.tree = tree
        self.rules = rules
        self.parents = {}
        self.scopes = {}
        self.imports = {}
        self.star_modules = []
        self.parameters = []  # in order of discovery
        self.by_site = {}
        self.skipped = []
        self.skipped_keys = set()

    # ---------------------------------------------------------------- scopes, imports and bindings

    def analyse(self):
        module = Scope(self.tree, None)
        self.scopes[self.tree] = module
        self.walk(self.tree, module)
        self.resolve_aliases()

    def walk(self, node, scope):
        """Records parents, scopes and the names each scope binds, below one node."""
        for child in ast.iter_child_nodes(node):
            self.visit(child, node, scope)

    def visit(self, node, parent, scope):
        self.parents[node] = parent
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            self.walk_definition(node, scope)
        else:
            self.bind_statement(node, scope)
            self.walk(node, scope)

    def walk_definition(self, definition, scope):
        if not isinstance(definition, ast.Lambda):
            scope.bind(definition.name, Binding(definition, None, "other"))
        # Decorators, defaults and base classes are evaluated in the enclosing scope.
        outer = list(getattr(definition, "decorator_list", [])) + list(getattr(definition, "bases", [])) \
            + [k.value for k in getattr(definition, "keywords", [])]
        if not isinstance(definition, ast.ClassDef):
            outer += definition.args.defaults + [d for d in definition.args.kw_defaults if d is not None]
        for expr in outer:
            self.parents[expr] = definition
            self.walk(expr, scope)
        inner = Scope(definition, scope)
        self.scopes[definition] = inner
        if not isinstance(definition, ast.ClassDef):
            self.bind_arguments(definition, inner)
        body = definition.body if isinstance(definition.body, list) else [definition.body]
        for statement in body:
            self.visit(statement, definition, inner)

    def bind_arguments(self, function, scope):
        args = function.args
        positional = args.posonlyargs + args.args
        defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
        for index, (arg, default) in enumerate(zip(positional, defaults)):
            scope.bind(arg.arg, Binding(arg, default, "parameter", function, index))
        for arg, default in zip(args.kwonlyargs, args.kw_defaults):
            scope.bind(arg.arg, Binding(arg, default, "parameter", function, None))
        for arg in (args.vararg, args.kwarg):
            if arg is not None:
                scope.bind(arg.arg, Binding(arg, None, "other"))

    def bind_statement(self, node, scope):
        """Records the names that one node binds in its scope (the node itself, not its children)."""
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    scope.bind(target.id, Binding(node, node.value if len(node.targets) == 1 else None, "assign"))
                else:
                    self.bind_targets(target, node, scope)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            scope.bind(node.target.id, Binding(node, node.value, "assign" if node.value is not None else "other"))
        elif isinstance(node, ast.AugAssign):
            self.bind_targets(node.target, node, scope)
        elif isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)):
            self.bind_targets(node.target, node, scope)
        elif isinstance(node, ast.withitem) and node.optional_vars is not None:
            self.bind_targets(node.optional_vars, node, scope)
        elif isinstance(node, ast.NamedExpr):
            self.bind_targets(node.target, node, scope)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            scope.bind(node.name, Binding(node, None, "other"))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            self.bind_import(node, scope)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            scope.globals.update(node.names)

    def bind_targets(self, target, node, scope):
        for name in ast.walk(target):
            if isinstance(name, ast.Name):
                scope.bind(name.id, Binding(node, None, "other"))

    def bind_import(self, node, scope):
        for alias in node.names:
            if isinstance(node, ast.Import):
                local = alias.asname or alias.name.split(".")[0]
                qualified = alias.name if alias.asname else alias.name.split(".")[0]
            else:
                base = "." * node.level + (node.module or "")
                if alias.name == "*":
                    self.star_modules.append(normalise(base))
                    continue
                local = alias.asname or alias.name
                qualified = base + "." + alias.name
            self.imports.setdefault(local, normalise(qualified))
            scope.bind(local, Binding(node, None, "import"))

    def resolve_aliases(self):
        """`L = tf.keras.layers` or `Dense = layers.Dense`, assigned once anywhere: the name stands for the import."""
        changed = True
        while changed:
            changed = False
            for scope in self.scopes.values():
                for name, bindings in scope.bindings.items():
                    if name in self.imports or len(bindings) != 1 or bindings[0].kind != "assign":
                        continue
                    value = bindings[0].value
                    if isinstance(value, (ast.Name, ast.Attribute)):
                        qualified = self.dotted(value)
                        if qualified is not None:
                            self.imports[name] = qualified
                            changed = True

    def dotted(self, node):
        """The qualified name an expression such as `tf.keras.layers.Dense` stands for, or None."""
        parts = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if not isinstance(node, ast.Name) or node.id not in self.imports:
            return None
        return normalise(".".join([self.imports[node.id]] + list(reversed(parts))))

    def scope_of(self, node):
        while node in self.parents:
            node = self.parents[node]
            if node in self.scopes:
                return self.scopes[node]
        return self.scopes[self.tree]

    def lookup(self, name, scope):
        """The bindings a name refers to from a scope, following Python's rules (class bodies are skipped below)."""
        first = scope
        while scope is not None:
            if name in scope.globals:
                scope = self.scopes[self.tree]
                return scope.bindings.get(name, [])
            is_class = isinstance(scope.node, ast.ClassDef)
            if name in scope.bindings and (scope is first or not is_class):
                return scope.bindings[name]
            scope = scope.parent
        return []

    # ---------------------------------------------------------------- matching calls to the table

    def qualified_names(self, call):
        """What a call's function may stand for: its import, or each star-imported module's name of that name."""
        func = call.func
        qualified = self.dotted(func)
        if qualified is not None:
            return [qualified]
        if isinstance(func, ast.Name) and not self.lookup(func.id, self.scope_of(call)):
            return [module + "." + func.id for module in self.star_modules]
        return []

    @staticmethod
    def names_class(qualified, base, layer):
        return qualified.startswith(base + ".") and qualified.endswith("." + layer)

    def rules_for(self, call):
        func = call.func
        names = self.qualified_names(call)
        matched = []
        for rule in self.rules:
            if rule.layer.startswith("."):
                if isinstance(func, ast.Attribute) and func.attr == rule.layer[1:] and self.imports_module(rule.base_class):
                    matched.append(rule)
            elif rule.base_class == "epoch-loop":
                if isinstance(func, ast.Name) and func.id == rule.layer and not self.lookup(func.id, self.scope_of(call)) and self.is_epoch_loop(call):
                    matched.append(rule)
            elif any(self.names_class(q, rule.base_class, rule.layer) for q in names):
                matched.append(rule)
        return matched

    def imports_module(self, base):
        packages = FRAMEWORK_PACKAGES.get(base, (base,))
        imported = list(self.imports.values()) + self.star_modules
        return any(q.split(".")[0] in packages for q in imported)

    def is_epoch_loop(self, call):
        loop = self.parents.get(call)
        return (isinstance(loop, (ast.For, ast.AsyncFor)) and loop.iter is call and isinstance(loop.target, ast.Name)
                and "epoch" in loop.target.id.lower())

    def inside_fstring(self, node):
        while node in self.parents:
            node = self.parents[node]
            if isinstance(node, ast.JoinedStr):
                return True
        return False

    def argument(self, call, rule):
        for keyword in call.keywords:
            if keyword.arg == rule.parameter:
                return keyword.value
        position = rule.position
        if rule.base_class == "epoch-loop" and len(call.args) >= 2:
            position = 1  # range(start, stop): the stop is the count
        if position is None:
            return None
        for index, arg in enumerate(call.args):
            if isinstance(arg, ast.Starred):
                return None
            if index == position:
                return arg
        return None

    def output_layers(self):
        last = {}
        for node in ast.walk(self.tree):
            if not isinstance(node, ast.Call):
                continue
            for kind in OUTPUT_LAYERS:
                base, layer = kind.rsplit(".", 1)
                if any(self.names_class(q, base, layer) for q in self.qualified_names(node)):
                    if kind not in last or (node.lineno, node.col_offset) > (last[kind].lineno, last[kind].col_offset):
                        last[kind] = node
        return {id(call): OUTPUT_LAYERS[kind] for kind, call in last.items()}

    def detect(self):
        outputs = self.output_layers()
        for node in ast.walk(self.tree):
            if not isinstance(node, ast.Call):
                continue
            rules = self.rules_for(node)
            if not rules:
                continue
            layer = rules[0].layer.lstrip(".")
            if self.inside_fstring(node):
                # Before Python 3.12 the positions of nodes inside f-strings are not reliable enough to rewrite.
                self.skip(node, layer, "*", "a call inside an f-string is not rewritten")
                continue
            parameters = []
            for rule in rules:
                if rule.parameter not in parameters:
                    parameters.append(rule.parameter)
            for parameter in parameters:
                candidates = [r for r in rules if r.parameter == parameter]
                expr = self.argument(node, candidates[0])
                if expr is None:
                    continue
                if parameter in outputs.get(id(node), ()):
                    self.skip(expr, layer, parameter, "the file's last %s layer is taken to be the output layer: its %s is set by the task" % (layer, parameter))
                    continue
                found = self.literal(expr, self.scope_of(node), set())
                if isinstance(found, Skip):
                    self.skip(expr, layer, parameter, found.reason)
                    continue
                rule = next((r for r in candidates if r.accepts(found.value)), None)
                if rule is None:
                    self.skip(expr, layer, parameter, "%s is a %s; the table expects %s" % (
                        self.text(found.sites[0]), type(found.value).__name__, " or ".join(sorted({r.type for r in candidates}))))
                    continue
                self.add(node, rule, found)
            if any(isinstance(a, ast.Starred) for a in node.args) or any(k.arg is None for k in node.keywords):
                self.skip(node, layer, "*", "arguments passed through *args or **kwargs are not read")
        self.link_torch_inputs()

    # ---------------------------------------------------------------- values

    def literal(self, expr, scope, seen):
        if isinstance(expr, ast.Constant):
            value = expr.value
            if value is None:
                return Skip("None has no range to search")
            if isinstance(value, (bytes, complex)) or value is Ellipsis:
                return Skip("a %s value is not searched" % type(value).__name__)
            return Literal(value, [expr])
        if isinstance(expr, ast.UnaryOp) and isinstance(expr.op, (ast.USub, ast.UAdd)) and isinstance(expr.operand, ast.Constant) \
                and isinstance(expr.operand.value, (int, float)) and not isinstance(expr.operand.value, bool):
            value = expr.operand.value
            return Literal(-value if isinstance(expr.op, ast.USub) else value, [expr])
        if isinstance(expr, (ast.Tuple, ast.List)) and expr.elts:
            # kernel_size=(3, 3) or hidden_layer_sizes=(64,): one value, written in each place.
            parts = [self.literal(e, scope, seen) for e in expr.elts]
            if all(isinstance(p, Literal) and p.via is None for p in parts) and len({repr(p.value) for p in parts}) == 1:
                return Literal(parts[0].value, [s for p in parts for s in p.sites])
            return Skip("%s holds different values; only a tuple of one repeated value is searched" % self.text(expr))
        if isinstance(expr, ast.BinOp) and isinstance(expr.op, (ast.Add, ast.Sub)) and isinstance(expr.left, ast.Name) \
                and isinstance(expr.right, ast.Constant) and isinstance(expr.right.value, int):
            # range(1, EPOCHS + 1): the variable is the hyperparameter.
            return self.variable(expr.left, scope, seen)
        if isinstance(expr, ast.Name):
            return self.variable(expr, scope, seen)
        if isinstance(expr, ast.Call):
            return Skip("%s is a call, not a literal (the arguments of the layers and optimizers in the table are searched on their own)" % self.short(expr))
        return Skip("%s is an expression, not a literal or a variable that holds one" % self.short(expr))

    def variable(self, name, scope, seen):
        if name.id in seen:
            return Skip("%s refers to itself" % name.id)
        bindings = self.lookup(name.id, scope)
        if not bindings:
            return Skip("%s is not defined in this file" % name.id)
        if len(bindings) > 1:
            lines = ", ".join(str(getattr(b.node, "lineno", "?")) for b in bindings)
            return Skip("%s is assigned %d times (lines %s)" % (name.id, len(bindings), lines))
        binding = bindings[0]
        if binding.kind == "parameter":
            if binding.value is None:
                return Skip("%s is a parameter of %s() without a default" % (name.id, binding.function.name if hasattr(binding.function, "name") else "a lambda"))
            caller = self.passed_by_caller(binding)
            if caller is not None:
                return Skip("%s is passed to %s() at line %d" % (name.id, self.short(caller.func), caller.lineno))
            found = self.literal(binding.value, self.scope_of(binding.function), seen | {name.id})
        elif binding.kind == "assign" and binding.value is not None:
            found = self.literal(binding.value, self.scope_of(binding.node), seen | {name.id})
        else:
            return Skip("%s is not assigned a literal (line %s)" % (name.id, getattr(binding.node, "lineno", "?")))
        if isinstance(found, Literal) and found.via is None:
            found.via = name.id
            found.via_line = getattr(binding.node, "lineno", None) or found.sites[0].lineno
        return found

    def passed_by_caller(self, binding):
        function = binding.function
        if isinstance(function, ast.Lambda):
            return None
        names = {function.name}
        if function.name == "__init__" and self.is_method(function):
            names.add(self.parents[function].name)  # Model(hidden=128) calls Model.__init__
        for node in ast.walk(self.tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            called = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
            if called not in names:
                continue
            arg_name = binding.node.arg
            offset = 1 if binding.index is not None and self.is_method(function) else 0
            if any(k.arg == arg_name or k.arg is None for k in node.keywords):
                return node
            if binding.index is not None and (len(node.args) > binding.index - offset or any(isinstance(a, ast.Starred) for a in node.args)):
                return node
        return None

    def is_method(self, function):
        return isinstance(self.parents.get(function), ast.ClassDef)

    # ---------------------------------------------------------------- results

    def add(self, call, rule, found):
        key = self.site_key(found.sites[0])
        existing = self.by_site.get(key)
        if existing is not None:
            if call.lineno not in existing["uses"]:
                existing["uses"].append(call.lineno)
            return
        parameter = {
            "rule": rule,
            "layer": rule.layer.lstrip("."),
            "argument": rule.parameter,
            "value": found.value,
            "sites": list(found.sites),
            "via": found.via,
            "line": found.via_line if found.via is not None else found.sites[0].lineno,
            "uses": [call.lineno],
            "step": self.pipeline_step(call),
            "call": call,
        }
        self.parameters.append(parameter)
        for site in found.sites:
            self.by_site[self.site_key(site)] = parameter

    def pipeline_step(self, call):
        """The step's name when the estimator is written as ("name", Estimator(...)) in a pipeline."""
        parent = self.parents.get(call)
        if isinstance(parent, ast.Tuple) and len(parent.elts) >= 2 and parent.elts[1] is call and isinstance(parent.elts[0], ast.Constant) \
                and isinstance(parent.elts[0].value, str):
            return parent.elts[0].value
        return None

    def link_torch_inputs(self):
        """Each PyTorch width also feeds the next layer that takes the same literal as its input size."""
        calls = sorted((n for n in ast.walk(self.tree) if isinstance(n, ast.Call)), key=lambda n: (n.lineno, n.col_offset))
        for parameter in self.parameters:
            targets = TORCH_INPUTS.get(parameter["argument"])
            if not targets or not parameter["rule"].base_class.startswith("torch") or parameter["via"] is not None:
                continue
            start = parameter["call"]
            for call in calls:
                if (call.lineno, call.col_offset) <= (start.lineno, start.col_offset):
                    continue
                qualified = self.dotted(call.func) or ""
                if not qualified.startswith("torch.nn.") or qualified.rsplit(".", 1)[-1] not in targets or not call.args:
                    continue
                first = call.args[0]
                if isinstance(first, ast.Constant) and first.value == parameter["value"] and self.site_key(first) not in self.by_site:
                    parameter["sites"].append(first)
                    self.by_site[self.site_key(first)] = parameter
                    parameter["uses"].append(call.lineno)
                if isinstance(first, ast.Constant) or isinstance(first, ast.Name):
                    break

    def skip(self, node, layer, parameter, reason):
        key = (node.lineno, node.col_offset, layer, parameter)
        if key in self.skipped_keys:
            return
        self.skipped_keys.add(key)
        self.skipped.append({
            "line": node.lineno,
            "column": node.col_offset + 1,
            "layer": layer,
            "argument": parameter,
            "reason": reason,
            "source": self.line_text(node.lineno),
        })

    @staticmethod
    def site_key(node):
        return (node.lineno, node.col_offset)

    def line_text(self, line):
        return self.lines[line - 1].strip() if 0 < line <= len(self.lines) else ""

    def text(self, node):
        # ast.unparse is Python 3.9+; the segment is always there for nodes of a parsed file.
        return ast.get_source_segment(self.source, node) or type(node).__name__

    def short(self, node):
        text = " ".join(self.text(node).split())
        return text if len(text) <= 60 else text[:57] + "..."

    def named(self):
        """Gives each parameter a unique name: the variable's, or layer_argument (with the pipeline step's name)."""
        bases = []
        for p in self.parameters:
            if p["via"] is not None:
                base = p["via"].lower() if p["via"].isupper() else p["via"]
            elif p["rule"].base_class == "epoch-loop" or p["rule"].layer.startswith("."):
                base = p["argument"]
            else:
                base = "%s_%s" % (p["step"] or snake(p["layer"]), p["argument"])
            base = re.sub(r"[^A-Za-z0-9_.-]", "_", base).lstrip("_.-0123456789") or "param"
            bases.append(base[:90])
        counts = {}
        for base in bases:
            counts[base] = counts.get(base, 0) + 1
        seen = {}
        taken = set()
        for p, base in zip(self.parameters, bases):
            if counts[base] == 1 and base != "args":
                name = base
            else:
                seen[base] = seen.get(base, 0) + 1
                name = "%s_%d" % (base, seen[base])
                while name in taken or name in counts:
                    seen[base] += 1
                    name = "%s_%d" % (base, seen[base])
            taken.add(name)
            p["name"] = name

    def proposal(self, p):
        rule, value = p["rule"], p["value"]
        if rule.distribution == "choice":
            choices = list(rule.choices)
            if value not in choices:
                choices.insert(0, value)
            return {"kind": "categorical", "values": choices}
        low, high = rule.min, rule.max
        if isinstance(value, (int, float)):
            low, high = min(low, value), max(high, value)
        log = rule.distribution == "log-uniform" and low > 0
        if rule.integer:
            low, high = int(low // 1), int(-(-high // 1))
            if low == high:
                high = low + 1
            return {"kind": "int", "min": low, "max": high, "log": log}
        return {"kind": "float", "min": low, "max": high, "log": log}

    def rewrite(self):
        """The script with every site replaced by a read of EXPERIMENTHUB_PARAMS that defaults to the original text."""
        data = self.source.encode("utf-8")
        starts = [0]
        for line in data.splitlines(keepends=True):
            starts.append(starts[-1] + len(line))

        def offset(line, column):
            return starts[line - 1] + column

        edits = []
        for p in self.parameters:
            for site in p["sites"]:
                begin = offset(site.lineno, site.col_offset)
                end = offset(site.end_lineno, site.end_col_offset)
                original = data[begin:end].decode("utf-8")
                if "\n" in original:
                    original = "(" + original + ")"
                edits.append((begin, end, ('%s(%s, %s)' % (HELPER_NAME, json.dumps(p["name"]), original)).encode("utf-8")))
        insert_at = self.helper_offset(offset, data)
        helper = (
            "\n# Added by `ehub space detect`: each detected hyperparameter is read from EXPERIMENTHUB_PARAMS,\n"
            "# with the value the script was written with as its default.\n"
            "import json as _ehub_json, os as _ehub_os\n"
            "_EHUB_PARAMS = _ehub_json.loads(_ehub_os.environ.get(\"EXPERIMENTHUB_PARAMS\") or \"{}\")\n"
            "\n\n"
            "def %s(name, default):\n"
            "    value = _EHUB_PARAMS.get(name, default)\n"
            "    if isinstance(default, bool) or value is None:\n"
            "        return value\n"
            "    if isinstance(default, int) and isinstance(value, float) and value.is_integer():\n"
            "        return int(value)\n"
            "    if isinstance(default, float) and isinstance(value, int) and not isinstance(value, bool):\n"
            "        return float(value)\n"
            "    return value\n"
            "\n\n" % HELPER_NAME
        ).encode("utf-8")
        edits.append((insert_at, insert_at, helper))
        for begin, end, text in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
            data = data[:begin] + text + data[end:]
        return data.decode("utf-8")

    def helper_offset(self, offset, data):
        """After the docstring and `from __future__` imports (which must come first), at the start of a line."""
        body = self.tree.body
        last = None
        for index, statement in enumerate(body):
            is_docstring = index == 0 and isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant) \
                and isinstance(statement.value.value, str)
            is_future = isinstance(statement, ast.ImportFrom) and statement.module == "__future__"
            if not (is_docstring or is_future):
                break
            last = statement
        if last is None:
            if body:
                return offset(body[0].lineno, 0)
            return len(data)
        end = offset(last.end_lineno, last.end_col_offset)
        newline = data.find(b"\n", end)
        return len(data) if newline < 0 else newline + 1

    def result(self):
        self.named()
        rewritten = self.rewrite()
        try:
            ast.parse(rewritten)
        except SyntaxError as e:
            raise DetectError("rewrite", "the rewritten script does not parse (%s at line %s); please report this script" % (e.msg, e.lineno))
        parameters = []
        for p in sorted(self.parameters, key=lambda p: (p["line"], p["sites"][0].col_offset)):
            site = p["sites"][0]
            entry = {
                "name": p["name"],
                "layer": p["layer"],
                "argument": p["argument"],
                "framework": framework(p["rule"].base_class),
                "value": p["value"],
                "line": p["line"],
                "column": site.col_offset + 1 if p["via"] is None else 1,
                "source": self.line_text(p["line"]),
                "variable": p["via"],
                "uses": sorted(set(p["uses"])),
                "sites": [{"line": s.lineno, "column": s.col_offset + 1} for s in p["sites"]],
            }
            entry.update(self.proposal(p))
            parameters.append(entry)
        return {
            "ok": True,
            "parameters": parameters,
            "skipped": sorted(self.skipped, key=lambda s: (s["line"], s["column"])),
            "rewritten": rewritten,
        }


def framework(base_class):
    if base_class.startswith("keras"):
        return "keras"
    if base_class.startswith(("torch", "lightning", "pytorch_lightning")) or base_class == "epoch-loop":
        return "pytorch"
    if base_class.startswith("sklearn"):
        return "scikit-learn"
    return base_class


def read_source(path, display):
    extension = os.path.splitext(path)[1].lower()
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as e:
        raise DetectError("io", "%s: %s" % (display, e.strerror or e))
    if b"\0" in data:
        raise DetectError("not-python", "%s is not a Python script: it holds binary data" % display)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise DetectError("not-python", "%s is not a Python script: byte %d is not UTF-8" % (display, e.start))
    shebang = text.startswith("#!") and "python" in text.split("\n", 1)[0]
    if extension not in PYTHON_EXTENSIONS and not shebang:
        raise DetectError("not-python", "%s is not a Python script: give a .py file (or one whose first line is a python #! line)" % display)
    return text.replace("\r\n", "\n")


def detect(path, metadata, display):
    source = read_source(path, display)
    try:
        tree = ast.parse(source, filename=display)
    except SyntaxError as e:
        raise DetectError("syntax", "syntax error: %s" % e.msg, e.lineno, e.offset)
    except ValueError as e:  # null bytes and the like
        raise DetectError("not-python", "%s: %s" % (display, e))
    detector = Detector(source, tree, load_rules(metadata))
    detector.analyse()
    detector.detect()
    return detector.result()


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("script")
    parser.add_argument("--metadata", action="append", default=[], help="a table of your own, added to (and preferred over) the shipped one")
    parser.add_argument("--display", help="the script's name in messages")
    args = parser.parse_args(argv)
    shipped = os.path.join(os.path.dirname(os.path.abspath(__file__)), "hyperparameters.csv")
    try:
        result = detect(args.script, [shipped] + args.metadata, args.display or args.script)
    except DetectError as e:
        result = {"ok": False, "error": {"kind": e.kind, "message": e.message, "line": e.line, "column": e.column}}
    except RecursionError:
        result = {"ok": False, "error": {"kind": "syntax", "message": "%s is nested too deeply to analyse" % (args.display or args.script)}}
    sys.stdout.write(json.dumps(result))
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
