"""Data layer: read YAML data files into values with line numbers, catching YAML's traps."""

from .problems import Problem
from .yaml_reader import LoadedFile, dotted, read_yaml

__all__ = ["Problem", "LoadedFile", "dotted", "read_yaml"]
