"""``chuluc check``: lint a criteria file and check nominations against it.

The check is a value (:class:`CheckReport`): the criteria, its lint findings,
the results of its worked examples (rule tests), and what reading each
nominations file found. A failing example is a finding with code ``EXAMPLE``
and fails the check even without ``--strict``: a rule that scores wrongly is
not a matter of style. The CLI renders it; CI reads
``report_to_dict`` as JSON; ``exit_code`` maps it to 0/1.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chuluc_cli.criteria.model import Criteria
from chuluc_cli.data_issues import DataIssue, Severity
from chuluc_cli.errors import ChulucError, ExitCode
from chuluc_cli.i18n import msg
from chuluc_cli.nominations import Nominations
from chuluc_cli.runner import ReadOptions, read_inputs


@dataclass(frozen=True)
class CheckReport:
    """A linted criteria file and the nominations read against it."""

    criteria: Criteria
    findings: list[Any]  # chuluc_cli.criteria.lint.LintFinding, failing examples included
    nominations: list[Nominations]
    examples: list[Any] = field(default_factory=list)  # criteria.examples.ExampleResult

    @property
    def examples_passed(self) -> int:
        """How many worked examples scored as they say."""
        return sum(1 for result in self.examples if result.passed)

    @property
    def examples_failed(self) -> int:
        """How many worked examples did not score as they say."""
        return len(self.examples) - self.examples_passed

    @property
    def issues(self) -> list[DataIssue]:
        """Every data issue of every file, in report order."""
        found = [issue for n in self.nominations for issue in n.issues]
        return sorted(found, key=lambda issue: issue.sort_key())


CRITERIA_SUFFIXES = (".yaml", ".yml")


def split_arguments(files: Sequence[str]) -> tuple[list[str], list[Path]]:
    """Split ``chuluc check`` arguments into criteria files and nomination files.

    The first argument is always criteria (a file or a shipped name); later
    ``.yaml``/``.yml`` files are more criteria to lint; anything else is a
    nominations file. Nominations are checked against one criteria file only.
    """
    criteria = [files[0]] + [f for f in files[1:] if f.lower().endswith(CRITERIA_SUFFIXES)]
    nominations = [Path(f) for f in files[1:] if not f.lower().endswith(CRITERIA_SUFFIXES)]
    if nominations and len(criteria) > 1:
        files = ", ".join(criteria)
        raise ChulucError(msg("errors.check.one_criteria", count=len(criteria), files=files))
    return criteria, nominations


def check(
    criteria: str | Path,
    paths: Sequence[Path] = (),
    read: ReadOptions | None = None,
) -> CheckReport:
    """Load, lint and run the examples of ``criteria``; read every file in ``paths``.

    The nominations files are read as ``read`` says.
    """
    from chuluc_cli.criteria.examples import EXAMPLE_CODE, run_examples
    from chuluc_cli.criteria.lint import LintFinding, lint
    from chuluc_cli.criteria.loader import load_criteria_with_positions

    rules, document = load_criteria_with_positions(criteria)
    findings = lint(rules, document)
    examples = run_examples(rules, document)
    findings += [
        LintFinding(EXAMPLE_CODE, mismatch.message, mismatch.path, mismatch.line)
        for result in examples
        for mismatch in result.mismatches
    ]
    loaded = read_inputs(paths, rules, read or ReadOptions())
    return CheckReport(rules, findings, loaded, examples)


def exit_code(report: CheckReport, *, strict: bool = False) -> ExitCode:
    """1 for data errors or failing examples (or lint warnings under ``strict``), else 0."""
    has_errors = any(issue.severity is Severity.ERROR for issue in report.issues)
    if has_errors or report.examples_failed or (strict and report.findings):
        return ExitCode.ISSUES
    return ExitCode.OK


def issue_counts(report: CheckReport) -> Counter[str]:
    """How many issues of each code were found."""
    return Counter(issue.code.value for issue in report.issues)


def report_to_dict(report: CheckReport, lang: str) -> dict[str, Any]:
    """The check as JSON-ready data (stable key order)."""
    from chuluc_cli.io.result_json import issue_to_dict

    return {
        "schema": "chuluc/check-v1",
        "criteria": {
            "id": report.criteria.id,
            "version": report.criteria.version,
            "sha256": report.criteria.sha256,
            "path": report.criteria.source_path,
        },
        "findings": [
            {
                "code": finding.code,
                "line": finding.line,
                "message": finding.message.render(lang),
            }
            for finding in report.findings
        ],
        "examples": {
            "count": len(report.examples),
            "passed": report.examples_passed,
            "failed": report.examples_failed,
        },
        "inputs": [
            {
                "path": n.path,
                "sha256": n.sha256,
                "sheet": n.sheet,
                "header_row": n.header_row,
                "rows": len(n.rows),
                "blank_rows": n.blank_rows,
            }
            for n in report.nominations
        ],
        "summary": {
            "products": sum(len(n.rows) for n in report.nominations),
            "errors": sum(1 for i in report.issues if i.severity is Severity.ERROR),
            "warnings": sum(1 for i in report.issues if i.severity is Severity.WARNING),
            "by_code": dict(sorted(issue_counts(report).items())),
        },
        "issues": [issue_to_dict(issue, lang) for issue in report.issues],
    }


def write_issues_workbook(
    report: CheckReport,
    target: Path,
    *,
    lang: str,
    force: bool,
    protect: Sequence[Path] = (),
) -> None:
    """Write the data issues as the workbook sent back to enterprises for correction.

    ``protect`` names more inputs (the criteria file) that the output may never replace.
    """
    from chuluc_cli.io.issues_xlsx import write_issues

    inputs = [Path(n.path) for n in report.nominations] + list(protect)
    write_issues(report.issues, target, lang=lang, inputs=inputs, force=force)
