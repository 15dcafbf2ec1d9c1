"""ExperimentHub client for training scripts: log metrics and artifacts over HTTP, standard library only."""

from ._run import ExperimentHubError, Run, finish, init, log, save, current_run

__all__ = ["ExperimentHubError", "Run", "init", "log", "save", "finish", "current_run"]
__version__ = "0.1.0"
