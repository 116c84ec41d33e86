"""argparse in bokmål: help, usage and every error message of the `kulturskole` command.

argparse takes its own words from the module-level `gettext` function `argparse._`. Replacing that function
(or installing a catalog with `gettext.install`) would change every other parser in the process. This module
changes nothing global. It puts bokmål in at the few places where argparse's words leave a parser:

- the usage prefix («bruk: »): `HelpFormatter.add_usage`;
- the headings «posisjonsargumenter» and «valg», the help of -h and of `action="version"`: set in
  `ArgumentParser.__init__`, and «underkommandoer» in `add_subparsers`;
- every error: `ArgumentParser.error` (and `ArgumentError` when `exit_on_error=False`) translates the finished
  English message by matching it against argparse's message templates (`MESSAGES`), «%(prog)s: feil: …».

`MESSAGES` holds every string argparse passes to gettext (Python 3.11 to 3.13); tests/test_messages.py reads
argparse's source and fails when a Python version adds one that is missing here. Messages raised as exceptions
while a parser is being built (programming errors such as a conflicting option string) are not translated.

Subparsers are made with the parser's own class (argparse's `parser_class` default), so they are bokmål too;
an unknown argument after a subcommand is reported by that subcommand («kulturskole build: feil: ukjent
argument: --x») with its usage, not by the top parser.
"""

from __future__ import annotations

import argparse
import ast
import errno
import re
import sys
from collections.abc import Iterable, Sequence
from typing import Any, NoReturn

#: argparse's English message → bokmål. The placeholders are the same, in the same order; a value argparse
#: shows with repr (%r) comes back as plain text, so the bokmål puts it in «».
MESSAGES: dict[str, str] = {
    # Help output.
    "usage: ": "bruk: ",
    "positional arguments": "posisjonsargumenter",
    "options": "valg",
    "show this help message and exit": "vis denne hjelpen og avslutt",
    "show program's version number and exit": "vis versjonsnummeret og avslutt",
    "subcommands": "underkommandoer",
    "%(heading)s:": "%(heading)s:",
    " (default: %(default)s)": " (standard: %(default)s)",
    # The line an error or a warning is printed on.
    "%(prog)s: error: %(message)s\n": "%(prog)s: feil: %(message)s\n",
    "%(prog)s: warning: %(message)s\n": "%(prog)s: advarsel: %(message)s\n",
    # Errors in the command line.
    "argument %(argument_name)s: %(message)s": "argumentet %(argument_name)s: %(message)s",
    "unrecognized arguments: %s": "ukjent argument: %s",
    "the following arguments are required: %s": "påkrevd argument mangler: %s",
    "one of the arguments %s is required": "ett av disse argumentene må være med: %s",
    "expected one argument": "trenger én verdi",
    "expected at most one argument": "tar høyst én verdi",
    "expected at least one argument": "trenger minst én verdi",
    "expected %s argument": "trenger %s verdi",
    "expected %s arguments": "trenger %s verdier",
    "invalid choice: %(value)r (choose from %(choices)s)": "«%(value)s» er ikke et gyldig valg. Velg en av: %(choices)s",
    "invalid %(type)s value: %(value)r": "«%(value)s» er ikke %(type)s",
    "ambiguous option: %(option)s could match %(matches)s": "tvetydig valg: %(option)s kan bety %(matches)s",
    "not allowed with argument %s": "kan ikke brukes sammen med %s",
    "ignored explicit argument %r": "tar ingen verdi, men fikk «%s»",
    "unexpected option string: %s": "uventet valg: %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "ukjent kommando «%(parser_name)s». Velg en av: %(choices)s",
    "can't open '%(filename)s': %(error)s": "kan ikke åpne «%(filename)s»: %(error)s",
    'argument "-" with mode %r': "«-» kan ikke brukes med modus «%s»",
    "%r is not callable": "«%s» kan ikke kalles",
    # Python 3.13: deprecated arguments (printed as warnings).
    "argument '%(argument_name)s' is deprecated": "argumentet «%(argument_name)s» skal ikke brukes lenger",
    "option '%(option)s' is deprecated": "valget «%(option)s» skal ikke brukes lenger",
    "command '%(parser_name)s' is deprecated": "kommandoen «%(parser_name)s» skal ikke brukes lenger",
    # Programming errors: most are raised while the parser is built, and reach a developer as an exception.
    "cannot have multiple subparser arguments": "en parser kan bare ha én gruppe med underkommandoer",
    ".__call__() not defined": ".__call__() er ikke definert",
    "'required' is an invalid argument for positionals": "«required» kan ikke brukes på posisjonsargumenter",
    "cannot merge actions - two groups are named %r": "kan ikke slå sammen argumentene: to grupper heter «%s»",
    "conflicting option string: %s": "valget finnes fra før: %s",
    "conflicting option strings: %s": "valgene finnes fra før: %s",
    "conflicting subparser: %s": "underkommandoen finnes fra før: %s",
    "conflicting subparser alias: %s": "aliaset for underkommandoen finnes fra før: %s",
    "dest= is required for options like %r": "dest= må oppgis for valg som «%s»",
    "invalid conflict_resolution value: %r": "ugyldig verdi for conflict_resolution: «%s»",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r":
        "ugyldig valg «%(option)s»: det må starte med tegnet «%(prefix_chars)s»",
    "mutually exclusive arguments must be optional": "argumenter som utelukker hverandre, må være valgfrie",
}

#: What `type=` expects, for «"x" er ikke et heltall».
_TYPE_NAMES = {"int": "et heltall", "float": "et tall", "complex": "et komplekst tall", "str": "tekst"}

#: Operating-system errors of FileType, in bokmål.
_OS_ERRORS = {errno.ENOENT: "fila finnes ikke", errno.EACCES: "du har ikke tilgang til fila",
              errno.EISDIR: "det er en mappe", errno.ENOTDIR: "en del av stien er ikke en mappe"}

_PLACEHOLDER = re.compile(r"%\((\w+)\)([sr])|%([sr])")


def nb(english: str) -> str:
    """The bokmål for one of argparse's own strings (unchanged when it is not one)."""
    return MESSAGES.get(english, english)


def _compile(template: str) -> tuple[re.Pattern[str], list[tuple[str, bool]]]:
    """A pattern matching what `template % values` gives, and its fields: (name, shown with repr)."""
    fields: list[tuple[str, bool]] = []
    pattern = ""
    position = 0
    for match in _PLACEHOLDER.finditer(template):
        pattern += re.escape(template[position:match.start()])
        name = match.group(1) or f"_{len(fields)}"
        fields.append((name, (match.group(2) or match.group(3)) == "r"))
        pattern += f"(?P<{name}>.*?)"
        position = match.end()
    pattern += re.escape(template[position:])
    return re.compile(pattern, re.DOTALL), fields


#: The error templates, the most specific first (the longest fixed text), so that «expected one argument» is
#: not read as «expected %s argument» with %s = "one".
_TEMPLATES = sorted(((english, *_compile(english)) for english in MESSAGES),
                    key=lambda item: -len(_PLACEHOLDER.sub("", item[0])))


def _plain(shown: str) -> str:
    """A value argparse showed with repr ('x'), as the text itself."""
    try:
        value = ast.literal_eval(shown)
    except (ValueError, SyntaxError):
        return shown
    return value if isinstance(value, str) else shown


def _choices(shown: str) -> str:
    """«'build', 'serve'» (argparse's list of choices) as «build, serve»."""
    try:
        values = ast.literal_eval(f"({shown},)")
    except (ValueError, SyntaxError):
        return shown
    return ", ".join(str(value) for value in values)


def _os_error(shown: str) -> str:
    match = re.match(r"\[Errno (\d+)\]", shown)
    return _OS_ERRORS.get(int(match.group(1)), shown) if match else shown


def translate(message: str) -> str:
    """argparse's English message in bokmål; a message that is not argparse's own (already bokmål, or from a
    `type=` function) comes back unchanged."""
    for english, pattern, fields in _TEMPLATES:
        match = pattern.fullmatch(message)
        if not match:
            continue
        values: dict[str, str] = {}
        for name, shown_with_repr in fields:
            value = match.group(name)
            if name == "message":
                value = translate(value)
            elif name in ("choices", "matches"):
                value = _choices(value)
            elif name == "error":
                value = _os_error(value)
            elif shown_with_repr:
                value = _plain(value)
            values[name] = value
        if "type" in values:
            values["type"] = _TYPE_NAMES.get(values["type"], f"en gyldig verdi ({values['type']})")
        norwegian = MESSAGES[english]
        if english == "unrecognized arguments: %s" and " " in values["_0"]:
            norwegian = "ukjente argumenter: %s"
        if english == "the following arguments are required: %s" and ", " in values["_0"]:
            norwegian = "påkrevde argumenter mangler: %s"
        if fields and fields[0][0].startswith("_"):
            return norwegian % tuple(values[name] for name, _ in fields)
        return norwegian % values
    return message


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help layout with «bruk: » and «(standard: …)»."""

    def add_usage(self, usage: str | None, actions: Iterable[argparse.Action],
                  groups: Iterable[argparse._MutuallyExclusiveGroup], prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, nb("usage: ") if prefix is None else prefix)

    def _get_help_string(self, action: argparse.Action) -> str | None:
        help_text = super()._get_help_string(action)
        english = " (default: %(default)s)"
        if help_text and help_text.endswith(english) and not (action.help or "").endswith(english):
            help_text = help_text[: -len(english)] + nb(english)
        return help_text


def _bokmal_formatter(formatter_class: Any) -> Any:
    """`formatter_class` with bokmål usage: another HelpFormatter subclass gets ours mixed in first."""
    if (isinstance(formatter_class, type) and issubclass(formatter_class, argparse.HelpFormatter)
            and not issubclass(formatter_class, HelpFormatter)):
        return type(formatter_class.__name__, (HelpFormatter, formatter_class), {})
    return formatter_class


class ArgumentError(argparse.ArgumentError):
    """argparse's ArgumentError, said in bokmål (raised instead of it when `exit_on_error=False`)."""

    def __str__(self) -> str:
        if self.argument_name is None:
            return self.message
        return nb("argument %(argument_name)s: %(message)s") % {"argument_name": self.argument_name,
                                                                "message": self.message}

    @classmethod
    def from_english(cls, error: argparse.ArgumentError) -> ArgumentError:
        translated = cls(None, translate(error.message))
        translated.argument_name = error.argument_name
        return translated


class _VersionAction(argparse._VersionAction):
    """`action="version"` with its help in bokmål."""

    def __init__(self, option_strings: Sequence[str], help: str | None = None, **kwargs: Any) -> None:
        super().__init__(option_strings, help=nb("show program's version number and exit") if help is None else help,
                         **kwargs)


class _SubParsersAction(argparse._SubParsersAction):
    """argparse's subcommand action; it notes which subparser left arguments it did not know, so that
    the error names that subcommand."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: str | Sequence[Any] | None, option_string: str | None = None) -> None:
        unknown = argparse._UNRECOGNIZED_ARGS_ATTR
        before = len(getattr(namespace, unknown, []))
        super().__call__(parser, namespace, values, option_string)
        left = list(getattr(namespace, unknown, []))[before:]
        if isinstance(parser, ArgumentParser) and isinstance(values, list) and values:
            parser._unknown_in = (self._name_parser_map[values[0]], left) if left else None


class ArgumentParser(argparse.ArgumentParser):
    """argparse.ArgumentParser that says everything in bokmål: help, usage and errors. Exit status 2 for a
    usage error, as argparse."""

    def __init__(self, prog: str | None = None, usage: str | None = None, description: str | None = None,
                 epilog: str | None = None, parents: Sequence[argparse.ArgumentParser] = (),
                 formatter_class: Any = HelpFormatter, prefix_chars: str = "-", fromfile_prefix_chars: str | None = None,
                 argument_default: Any = None, conflict_handler: str = "error", add_help: bool = True,
                 allow_abbrev: bool = True, exit_on_error: bool = True, **kwargs: Any) -> None:
        # argparse adds -h and the parents' arguments inside __init__; here they come after the headings are
        # bokmål, so that the parents' groups (already bokmål when they are this class) join the right heading.
        super().__init__(prog=prog, usage=usage, description=description, epilog=epilog,
                         formatter_class=_bokmal_formatter(formatter_class), prefix_chars=prefix_chars,
                         fromfile_prefix_chars=fromfile_prefix_chars, argument_default=argument_default,
                         conflict_handler=conflict_handler, add_help=False, allow_abbrev=allow_abbrev,
                         exit_on_error=exit_on_error, **kwargs)
        self.register("action", "version", _VersionAction)
        self.register("action", "parsers", _SubParsersAction)
        self._positionals.title = nb("positional arguments")
        self._optionals.title = nb("options")
        self._unknown_in: tuple[argparse.ArgumentParser, list[str]] | None = None
        self.add_help = add_help
        if add_help:
            prefix = "-" if "-" in self.prefix_chars else self.prefix_chars[0]
            self.add_argument(prefix + "h", prefix * 2 + "help", action="help", default=argparse.SUPPRESS,
                              help=nb("show this help message and exit"))
        for parent in parents:
            self._add_container_actions(parent)
            self._defaults.update(getattr(parent, "_defaults", {}))

    def add_subparsers(self, **kwargs: Any) -> Any:
        if "description" in kwargs and "title" not in kwargs:
            kwargs["title"] = nb("subcommands")
        return super().add_subparsers(**kwargs)

    def parse_known_args(self, args: Iterable[str] | None = None, namespace: Any = None) -> tuple[Any, list[str]]:
        self._unknown_in = None
        try:
            return super().parse_known_args(args, namespace)
        except argparse.ArgumentError as error:  # only with exit_on_error=False
            if isinstance(error, ArgumentError):
                raise
            raise ArgumentError.from_english(error) from None

    def error(self, message: str) -> NoReturn:
        """«prog: feil: …» after the usage, on stderr, and exit status 2. Arguments a subcommand did not know
        are reported by that subcommand."""
        if self._unknown_in is not None:
            subparser, unknown = self._unknown_in
            if message == "unrecognized arguments: " + " ".join(unknown):
                subparser.error(message)
        self.print_usage(sys.stderr)
        self.exit(2, nb("%(prog)s: error: %(message)s\n") % {"prog": self.prog, "message": translate(message)})

    def _warning(self, message: str) -> None:
        """Python 3.13: a warning (a deprecated argument), in bokmål."""
        self._print_message(nb("%(prog)s: warning: %(message)s\n") % {"prog": self.prog, "message": translate(message)},
                            sys.stderr)
