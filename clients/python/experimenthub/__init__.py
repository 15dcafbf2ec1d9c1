"""ExperimentHub client for training scripts: log metrics and artifacts over HTTP, standard library only."""

from ._run import ExperimentHubError, Run, finish, init, log, save, current_run
from ._sweep import Sweep, Trial, sweep

__all__ = ["ExperimentHubError", "Run", "init", "log", "save", "finish", "current_run", "Sweep", "Trial", "sweep"]
__version__ = "0.1.0"
