using System.Net.Http.Headers;
using System.Text;

namespace ExperimentHub.Server.Tests.Hostile;

/// <summary>
/// Generates hostile requests against every HTTP endpoint from a fixed seed: refused keys on each endpoint, other runs'
/// tokens, malformed and wrongly typed JSON, YAML bombs and anchors, huge numbers, deep nesting, oversized bodies,
/// traversal (encoded too), invalid UTF-8, control characters and NUL, injection strings. Every request is invalid
/// in at least one way, so each must be refused with a 4xx. Add a kind by adding to one of the lists below.
/// </summary>
public sealed class HostileRequestGenerator(HostileTargets targets, HostileKeys keys, int seed)
{
    public static readonly string[] Injections =
    [
        "'; DROP TABLE runs; --", "\" OR 1=1 --", "<script>alert(1)</script>", "${jndi:ldap://x/a}", "{{7*7}}",
        "$(rm -rf /)", "`id`", "%00", "../../../../etc/passwd", "\u202Eexe.txt", "a\u0000b", "\u0007\u001b[2J",
    ];

    public static readonly string[] MalformedJson =
    [
        "", "{", "}", "[", "{\"key\":", "{\"key\": \"a\",}", "{'key': 'a'}", "{\"key\": \"a\" \"name\": \"b\"}", "nul", "tru",
        "{\"key\": NaN}", "{\"a\":1}{\"b\":2}", "\"just a string\"", "12", "[1,2,3]", "{\"key\": \"\\uZZZZ\"}", "\u0000",
        "<xml/>", "key=a&name=b", "{\"key\": \"a\", \"key\": \"b\", \"name\": 5}",
    ];

    private readonly Random _random = new(seed);

    public IEnumerable<HostileRequest> Generate()
    {
        var admin = targets.AdminKey;
        var run = targets.RunId;
        var sweep = targets.SweepId;
        var p = targets.ProjectKey;

        // Every endpoint with every refused key.
        var endpoints = new (string Endpoint, HttpMethod Method, string Path, Func<HttpContent?> Body)[]
        {
            ("GET /api/v1/projects", HttpMethod.Get, "/api/v1/projects", NoBody),
            ("POST /api/v1/projects", HttpMethod.Post, "/api/v1/projects", () => Json("{\"key\": \"hk\", \"name\": \"x\"}")),
            ("GET /api/v1/projects/{key}", HttpMethod.Get, $"/api/v1/projects/{p}", NoBody),
            ("POST /api/v1/projects/{p}/runs", HttpMethod.Post, $"/api/v1/projects/{p}/runs", () => Json("{\"name\": \"x\"}")),
            ("GET /api/v1/projects/{p}/runs", HttpMethod.Get, $"/api/v1/projects/{p}/runs", NoBody),
            ("GET /api/v1/runs/{id}", HttpMethod.Get, $"/api/v1/runs/{run}", NoBody),
            ("POST /api/v1/runs/{id}/finish", HttpMethod.Post, $"/api/v1/runs/{run}/finish", () => Json("{\"status\": \"completed\"}")),
            ("POST /api/v1/runs/{id}/metrics", HttpMethod.Post, $"/api/v1/runs/{run}/metrics", () => Json("{\"points\": [{\"key\": \"l\", \"value\": 1, \"step\": 0}]}")),
            ("GET /api/v1/runs/{id}/metrics", HttpMethod.Get, $"/api/v1/runs/{run}/metrics", NoBody),
            ("GET /api/v1/runs/{id}/metrics/{key}", HttpMethod.Get, $"/api/v1/runs/{run}/metrics/loss", NoBody),
            ("PUT /api/v1/runs/{id}/artifacts/{path}", HttpMethod.Put, $"/api/v1/runs/{run}/artifacts/x.bin", () => new ByteArrayContent([1, 2, 3])),
            ("GET /api/v1/runs/{id}/artifacts/{path}", HttpMethod.Get, $"/api/v1/runs/{run}/artifacts/seed.txt", NoBody),
            ("GET /api/v1/runs/{id}/artifacts", HttpMethod.Get, $"/api/v1/runs/{run}/artifacts", NoBody),
            ("GET /api/v1/catalog/runs", HttpMethod.Get, "/api/v1/catalog/runs?format=csv", NoBody),
            ("POST /api/v1/projects/{p}/sweeps", HttpMethod.Post, $"/api/v1/projects/{p}/sweeps", () => Yaml(targets.ValidSpec)),
            ("GET /api/v1/projects/{p}/sweeps", HttpMethod.Get, $"/api/v1/projects/{p}/sweeps", NoBody),
            ("GET /api/v1/sweeps/{id}", HttpMethod.Get, $"/api/v1/sweeps/{sweep}", NoBody),
            ("GET /api/v1/sweeps/{id}/trials", HttpMethod.Get, $"/api/v1/sweeps/{sweep}/trials", NoBody),
            ("POST /api/v1/sweeps/{id}/pause", HttpMethod.Post, $"/api/v1/sweeps/{sweep}/pause", NoBody),
            ("POST /api/v1/sweeps/{id}/resume", HttpMethod.Post, $"/api/v1/sweeps/{sweep}/resume", NoBody),
            ("POST /api/v1/sweeps/{id}/stop", HttpMethod.Post, $"/api/v1/sweeps/{sweep}/stop", NoBody),
            ("POST /api/v1/sweeps/{id}/extend", HttpMethod.Post, $"/api/v1/sweeps/{sweep}/extend", () => Json("{\"trials\": 5}")),
            ("GET /api/v1/agents", HttpMethod.Get, "/api/v1/agents", NoBody),
            ("POST /api/v1/sweeps/{id}/ask", HttpMethod.Post, $"/api/v1/sweeps/{sweep}/ask", NoBody),
            ("POST /api/v1/trials/{id}/tell", HttpMethod.Post, $"/api/v1/trials/{run}/tell", () => Json("{\"values\": {\"loss\": 0.1}}")),
            ("POST /api/v1/keys", HttpMethod.Post, "/api/v1/keys", () => Json("{\"name\": \"k\", \"role\": \"admin\"}")),
            ("GET /api/v1/keys", HttpMethod.Get, "/api/v1/keys", NoBody),
            ("DELETE /api/v1/keys/{id}", HttpMethod.Delete, $"/api/v1/keys/{targets.KeyId}", NoBody),
            ("GET /api/v1/users", HttpMethod.Get, "/api/v1/users", NoBody),
            ("POST /api/v1/users", HttpMethod.Post, "/api/v1/users", () => Json("{\"name\": \"intruder\", \"password\": \"intruder-password-1\", \"isAdmin\": true}")),
            ("GET /api/v1/projects/{p}/members", HttpMethod.Get, $"/api/v1/projects/{p}/members", NoBody),
            ("PUT /api/v1/projects/{p}/members/{user}", HttpMethod.Put, $"/api/v1/projects/{p}/members/hostile-member", () => Json("{\"role\": \"owner\"}")),
            ("DELETE /api/v1/projects/{p}/members/{user}", HttpMethod.Delete, $"/api/v1/projects/{p}/members/hostile-member", NoBody),
            ("GET /api/v1/audit", HttpMethod.Get, "/api/v1/audit", NoBody),
        };
        foreach (var (endpoint, method, path, body) in endpoints)
        {
            foreach (var (kind, key) in keys.All)
            {
                yield return new HostileRequest(endpoint, kind, method, path, key, body);
            }
            // Valid, but for the hub only.
            yield return new HostileRequest(endpoint, "agent key on the API", method, path, targets.AgentKey, body);
        }

        // Another run's token writing to this run, and a run token doing what only admins may.
        var other = targets.OtherRunToken;
        yield return new("POST /api/v1/runs/{id}/finish", "other run's token", HttpMethod.Post, $"/api/v1/runs/{run}/finish", other, () => Json("{\"status\": \"failed\"}"));
        yield return new("POST /api/v1/runs/{id}/metrics", "other run's token", HttpMethod.Post, $"/api/v1/runs/{run}/metrics", other, () => Json("{\"points\": [{\"key\": \"l\", \"value\": 1, \"step\": 9}]}"));
        yield return new("PUT /api/v1/runs/{id}/artifacts/{path}", "other run's token", HttpMethod.Put, $"/api/v1/runs/{run}/artifacts/stolen.bin", other, () => new ByteArrayContent([9]));
        yield return new("POST /api/v1/projects", "run token as admin", HttpMethod.Post, "/api/v1/projects", other, () => Json("{\"key\": \"tok\", \"name\": \"x\"}"));
        yield return new("POST /api/v1/projects/{p}/runs", "run token as admin", HttpMethod.Post, $"/api/v1/projects/{p}/runs", other, () => Json("{\"name\": \"x\"}"));
        yield return new("POST /api/v1/projects/{p}/sweeps", "run token as admin", HttpMethod.Post, $"/api/v1/projects/{p}/sweeps", other, () => Yaml(targets.ValidSpec));
        yield return new("POST /api/v1/sweeps/{id}/stop", "run token as admin", HttpMethod.Post, $"/api/v1/sweeps/{sweep}/stop", other, NoBody);

        // Bodies: malformed, wrongly typed, huge, deep, oversized, invalid UTF-8, control characters.
        var bodyEndpoints = new (string Endpoint, string Path, string[] Bad)[]
        {
            ("POST /api/v1/projects", "/api/v1/projects",
            [
                "{\"key\": 5, \"name\": \"x\"}", "{\"key\": [\"a\"], \"name\": \"x\"}", "{\"key\": null, \"name\": \"x\"}", "{\"name\": \"x\"}",
                "{\"key\": \"ok-key\", \"name\": {\"a\": 1}}", "{\"key\": \"ok-key2\", \"name\": \"x\", \"extra\": 1}", "{\"key\": \"\", \"name\": \"x\"}",
                "{\"key\": \"" + new string('k', 65) + "\", \"name\": \"x\"}", "{\"key\": \"bad key\", \"name\": \"x\"}", "{\"key\": \"k-nul\", \"name\": \"a\\u0000b\"}",
                "{\"key\": \"k-bidi\", \"name\": \"a\\u202Eb\"}", "{\"key\": \"k-long\", \"name\": \"" + new string('n', 201) + "\"}", "{\"key\": \"k-ws\", \"name\": \"   \"}",
            ]),
            ("POST /api/v1/projects/{p}/runs", $"/api/v1/projects/{p}/runs",
            [
                "{\"name\": 5}", "{\"name\": \"x\", \"params\": [1, 2]}", "{\"name\": \"x\", \"params\": \"lr=1\"}", "{\"name\": \"x\", \"params\": 1e999}",
                "{\"name\": \"a\\u0000b\"}", "{\"name\": \"a\\u2066b\"}", "{\"name\": \"" + new string('n', 201) + "\"}", "{\"nam\": \"x\"}",
            ]),
            ("POST /api/v1/runs/{id}/finish", $"/api/v1/runs/{run}/finish",
            [
                "{\"status\": \"running\"}", "{\"status\": \"won\"}", "{\"status\": 1}", "{\"status\": null}", "{}", "{\"status\": \"completed\", \"summary\": [1]}",
                "{\"status\": \"completed\", \"summary\": {\"a\": \"b\"}}", "{\"status\": \"completed\", \"summary\": {\"\": 1}}",
                "{\"status\": \"completed\", \"summary\": {\"a\\u0000\": 1}}", "{\"status\": \"completed\", \"summary\": {\"x\": 1e999}}",
            ]),
            ("POST /api/v1/runs/{id}/metrics", $"/api/v1/runs/{run}/metrics",
            [
                "{\"points\": [{\"key\": \"l\", \"value\": \"x\", \"step\": 0}]}", "{\"points\": [{\"key\": \"l\", \"value\": 1, \"step\": -1}]}",
                "{\"points\": [{\"key\": \"\", \"value\": 1, \"step\": 0}]}", "{\"points\": [{\"key\": \"l\\u0000\", \"value\": 1, \"step\": 0}]}",
                "{\"points\": [{\"key\": \"l\", \"value\": 1, \"step\": 99999999999999999999}]}", "{\"points\": [{\"key\": \"l\", \"value\": 1e999, \"step\": 0}]}",
                "{\"points\": [null]}", "{\"points\": {\"key\": \"l\"}}", "{\"points\": [{\"key\": 5, \"value\": 1, \"step\": 0}]}",
                "{\"points\": [{\"key\": \"l\", \"value\": 1, \"step\": 0, \"timestamp\": \"yesterday\"}]}", "{\"points\": [{\"key\": \"" + new string('k', 251) + "\", \"value\": 1, \"step\": 0}]}",
                "{\"points\": [{\"key\": \"l\\u202E\", \"value\": 1, \"step\": 0}]}",
            ]),
            ("POST /api/v1/sweeps/{id}/extend", $"/api/v1/sweeps/{sweep}/extend", ["{\"trials\": 0}", "{\"trials\": -5}", "{\"trials\": \"many\"}", "{\"trials\": 1e30}", "{}"]),
        };
        foreach (var (endpoint, path, bad) in bodyEndpoints)
        {
            foreach (var json in bad)
            {
                yield return new(endpoint, "wrong type or invalid field", HttpMethod.Post, path, admin, () => Json(json));
            }
            foreach (var json in MalformedJson)
            {
                yield return new(endpoint, "malformed JSON", HttpMethod.Post, path, admin, () => Json(json));
            }
            foreach (var depth in new[] { 65, 1_000, 20_000 })
            {
                yield return new(endpoint, "deep nesting", HttpMethod.Post, path, admin, () => Json(new string('[', depth) + new string(']', depth)));
            }
            yield return new(endpoint, "oversized body", HttpMethod.Post, path, admin, () => Json("{\"k\": \"" + new string('x', (int)targets.MaxBodyBytes) + "\"}"));
            yield return new(endpoint, "invalid UTF-8", HttpMethod.Post, path, admin, () => Bytes([0x7B, 0x22, 0x6B, 0xC3, 0x28, 0xFF, 0xFE, 0x22, 0x7D]));
            yield return new(endpoint, "huge number", HttpMethod.Post, path, admin, () => Json("{\"key\": 1" + new string('0', 400) + "}"));
            yield return new(endpoint, "wrong content type", HttpMethod.Post, path, admin, () => new StringContent("key=a", Encoding.UTF8, "application/x-www-form-urlencoded"));
            foreach (var injection in Injections)
            {
                // Injection text where it is invalid (an unknown field, beside a wrong type), so the request is refused.
                yield return new(endpoint, "injection string", HttpMethod.Post, path, admin,
                    () => Json("{\"" + Escape(injection) + "\": \"" + Escape(injection) + "\", \"points\": 7, \"status\": 7, \"key\": 7}"));
            }
        }

        // Routes and queries: ids that are not ids, traversal (plain and encoded), injection in the query. A NUL in the
        // path (%00) is refused by the server's URL decoder before the app (the test host's client throws on it), so it
        // is sent in bodies and queries instead.
        var badIds = new[] { "0", "-1", "99999999999", "abc", "1%20OR%201=1", "1;DROP", "9223372036854775808", "1e3", "0x10", "%E2%80%AE1" };
        foreach (var id in badIds)
        {
            yield return new("GET /api/v1/runs/{id}", "bad id", HttpMethod.Get, $"/api/v1/runs/{id}", admin, NoBody);
            yield return new("POST /api/v1/runs/{id}/finish", "bad id", HttpMethod.Post, $"/api/v1/runs/{id}/finish", admin, () => Json("{\"status\": \"completed\"}"));
            yield return new("POST /api/v1/runs/{id}/metrics", "bad id", HttpMethod.Post, $"/api/v1/runs/{id}/metrics", admin, () => Json("{\"points\": [{\"key\": \"l\", \"value\": 1, \"step\": 0}]}"));
            yield return new("GET /api/v1/sweeps/{id}", "bad id", HttpMethod.Get, $"/api/v1/sweeps/{id}", admin, NoBody);
            yield return new("POST /api/v1/sweeps/{id}/stop", "bad id", HttpMethod.Post, $"/api/v1/sweeps/{id}/stop", admin, NoBody);
            yield return new("PUT /api/v1/runs/{id}/artifacts/{path}", "bad id", HttpMethod.Put, $"/api/v1/runs/{id}/artifacts/a.bin", admin, () => Bytes([1]));
            yield return new("GET /api/v1/projects/{key}", "unknown project", HttpMethod.Get, $"/api/v1/projects/{id}x", admin, NoBody);
            yield return new("POST /api/v1/projects/{p}/runs", "unknown project", HttpMethod.Post, $"/api/v1/projects/{id}x/runs", admin, () => Json("{\"name\": \"x\"}"));
        }
        var traversals = new[]
        {
            "../x", "a/../../x", "..%2Fx", "..%2fx", "%2e%2e%2fx", "%2E%2E/x", "..%5Cx", "a%5C..%5Cx", "%2Fetc%2Fpasswd", "C:%2Fx",
            "a//b", "a/./b", "a%0Ab", "a%09b", "a%1Bb", "%E2%80%AEexe.txt", "./x", "a/", "%C0%AE%C0%AE/../x", "..%252Fx",
        };
        foreach (var path in traversals)
        {
            yield return new("PUT /api/v1/runs/{id}/artifacts/{path}", "traversal", HttpMethod.Put, $"/api/v1/runs/{run}/artifacts/{path}", admin, () => Bytes([1]));
            yield return new("GET /api/v1/runs/{id}/artifacts/{path}", "traversal", HttpMethod.Get, $"/api/v1/runs/{run}/artifacts/{path}", admin, NoBody);
            yield return new("GET /api/v1/runs/{id}/metrics/{key}", "traversal", HttpMethod.Get, $"/api/v1/runs/{run}/metrics/{path}", admin, NoBody);
        }
        var queries = new[]
        {
            "/api/v1/catalog/runs?format=xlsx", "/api/v1/catalog/runs?format=csv%00", "/api/v1/catalog/runs?format=csv&sweep=abc",
            "/api/v1/catalog/runs?format=csv&project=%27%3B%20DROP", "/api/v1/catalog/runs?format=jsonl&sweep=-1",
            $"/api/v1/projects/{p}/runs?limit=0", $"/api/v1/projects/{p}/runs?limit=ten", $"/api/v1/projects/{p}/runs?limit=99999999999",
            $"/api/v1/projects/{p}/runs?beforeId=x", $"/api/v1/projects/{p}/runs?status=%3Cscript%3E", $"/api/v1/runs/{run}/metrics/loss?maxPoints=-1",
            $"/api/v1/runs/{run}/metrics/loss?maxPoints=abc", $"/api/v1/runs/{run}/metrics/loss?maxPoints=99999999999",
        };
        foreach (var query in queries)
        {
            yield return new(EndpointOf(query), "bad query", HttpMethod.Get, query, admin, NoBody);
        }

        // Sweep specs: YAML bombs and anchors, deep nesting, grid bombs, absurd durations, huge numbers, bad encodings.
        foreach (var (kind, spec, contentType) in Specs())
        {
            yield return new("POST /api/v1/projects/{p}/sweeps", kind, HttpMethod.Post, $"/api/v1/projects/{p}/sweeps", admin, () => spec(contentType));
        }

        // Random mutations of a valid metrics batch and project body: bytes flipped into invalid JSON, to reach 1,000+.
        for (var i = 0; i < 400; i++)
        {
            var source = i % 2 == 0 ? "{\"points\": [{\"key\": \"loss\", \"value\": 0.5, \"step\": 3}]}" : "{\"key\": \"mut\", \"name\": \"Mutated\"}";
            var mutated = Mutate(source);
            var (endpoint, path) = i % 2 == 0 ? ("POST /api/v1/runs/{id}/metrics", $"/api/v1/runs/{run}/metrics") : ("POST /api/v1/projects", "/api/v1/projects");
            yield return new(endpoint, "mutated JSON", HttpMethod.Post, path, admin, () => Bytes(mutated));
        }
    }

    private static IEnumerable<(string Kind, Func<string, HttpContent> Spec, string ContentType)> Specs()
    {
        const string head = "name: h\ncommand: [run, \"${args}\"]\nobjectives: [{metric: loss, goal: minimize}]\n";
        var laughs = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (var level = 1; level <= 9; level++)
        {
            laughs.Append($"a{level}: &a{level} [{string.Join(", ", Enumerable.Repeat($"*a{level - 1}", 9))}]\n");
        }
        var texts = new (string Kind, string Text)[]
        {
            ("YAML bomb", laughs.ToString()),
            ("YAML anchors", "v: &v x\nlist: [" + string.Join(", ", Enumerable.Repeat("*v", 101)) + "]\n"),
            ("YAML anchors", head + "parameters: &p {x: *p}\nbudget: {trials: 1}\n"),
            ("YAML recursive merge", head + "parameters: &p\n  <<: *p\nbudget: {trials: 1}\n"),
            ("deep nesting", "a: " + new string('[', 200) + new string(']', 200) + "\n"),
            ("grid bomb", head + "method: grid\nparameters:\n  x: {type: int, min: 0, max: 2147483648}\nbudget: {trials: 1}\n"),
            ("grid bomb", head + "method: grid\nparameters:\n  x: {type: int, min: 0, max: 9007199254740992}\nbudget: {trials: 1}\n"),
            ("grid bomb", head + "method: grid\nparameters:\n" + string.Concat(Enumerable.Range(0, 8).Select(i => $"  p{i}: {{type: int, min: 1, max: 1000}}\n"))),
            ("grid bomb", head + "method: grid\nparameters:\n  x: {type: float, min: 0, max: 1e300, step: 1e-300}\n"),
            ("absurd duration", head + "method: random\nparameters:\n  x: {type: float, min: 0, max: 1}\nbudget: {trials: 1}\ntrial: {timeout_minutes: 1e300}\n"),
            ("absurd duration", head + "method: random\nparameters:\n  x: {type: float, min: 0, max: 1}\nbudget: {trials: 1, minutes: 1e300}\n"),
            ("huge number", head + "method: random\nparameters:\n  x: {type: int, min: 0, max: 1" + new string('0', 400) + "}\nbudget: {trials: 1}\n"),
            ("huge number", head + "method: random\nparameters:\n  x: {type: float, min: -1e999, max: 1}\nbudget: {trials: 1}\n"),
            ("huge number", head + "method: random\nparameters:\n  x: {type: float, min: 0, max: 1}\nbudget: {trials: 99999999999}\n"),
            ("wrong type", head + "method: random\nparameters: [x, y]\nbudget: {trials: 1}\n"),
            ("wrong type", head + "method: random\nparameters:\n  x: {type: float, min: a, max: b}\nbudget: {trials: one}\n"),
            ("control characters", "name: \"a\\0b\\u202E\"\ncommand: [run]\nobjectives: [{metric: loss, goal: minimize}]\nparameters:\n  x: {type: float, min: 0, max: 1}\nbudget: {trials: 1}\n"),
            ("malformed YAML", "name: [unclosed\n"),
            ("malformed YAML", "\tname: tab\n"),
            ("malformed YAML", "name: a\n  - b\n :c\n"),
            ("malformed YAML", "%YAML 9.9\n---\nname: a\n"),
            ("malformed YAML", "!!python/object/apply:os.system ['id']\n"),
            ("malformed YAML", "name: !!binary AAAA\n"),
            ("empty", ""),
            ("injection string", head + "method: random\nparameters:\n  \"'; DROP TABLE runs; --\": {type: float, min: 0, max: 1}\nbudget: {trials: 1}\n"),
            ("wrong type", head + "workdir: 7\nmethod: random\nparameters:\n  x: {type: float, min: 0, max: 1}\nbudget: {trials: 0}\n"),
            ("oversized body", "name: big\n# " + new string('x', 300 * 1024) + "\n"),
        };
        foreach (var (kind, text) in texts)
        {
            yield return (kind, contentType => new StringContent(text, Encoding.UTF8, contentType), "application/yaml");
        }
        foreach (var json in MalformedJson.Concat(["{\"name\": 5}", "{\"name\": \"x\", \"parameters\": {\"x\": {\"type\": \"int\", \"min\": 0, \"max\": 1e300}}}"]))
        {
            yield return ("malformed JSON spec", contentType => new StringContent(json, Encoding.UTF8, contentType), "application/json");
        }
        yield return ("invalid UTF-8", _ => Bytes([0x6E, 0x61, 0x6D, 0x65, 0x3A, 0x20, 0xC3, 0x28, 0xFF, 0x0A]), "application/yaml");
    }

    private byte[] Mutate(string source)
    {
        var bytes = Encoding.UTF8.GetBytes(source);
        // Break the structure for sure (drop the closing brace), then flip a few bytes at random.
        bytes = bytes[..^1];
        for (var i = 0; i < 1 + _random.Next(4); i++)
        {
            bytes[_random.Next(bytes.Length)] = (byte)_random.Next(256);
        }
        return bytes;
    }

    private static string EndpointOf(string query)
    {
        var path = query.Split('?')[0];
        return path switch
        {
            "/api/v1/catalog/runs" => "GET /api/v1/catalog/runs",
            _ when path.EndsWith("/runs", StringComparison.Ordinal) => "GET /api/v1/projects/{p}/runs",
            _ => "GET /api/v1/runs/{id}/metrics/{key}",
        };
    }

    private static HttpContent? NoBody() => null;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static ByteArrayContent Bytes(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static StringContent Yaml(string text) => new StringContent(text, Encoding.UTF8, "application/yaml");

    private static string Escape(string text) => System.Text.Json.JsonEncodedText.Encode(text).ToString();
}
