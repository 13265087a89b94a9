"""One function per command, usable as a library: each orders the steps of its job.

Everything is read and checked first; outputs are written only when all of it is valid,
through an ``OutputBatch`` so a failed run leaves ``outputs/`` as it was.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from reporter.documents.chart import CHART_MARKER, score_chart
from reporter.documents.notice import (
    notice_context,
    rectification_context,
    units_with_open_problems,
)
from reporter.documents.report import (
    SECTION_FUNCTIONS,
    report_context,
    report_vocabulary_parts,
)
from reporter.documents.tasks import (
    breakdown_context,
    unit_list_context,
    units_with_tasks,
)
from reporter.errors import InputError, Problem, UsageError
from reporter.feedback import Progress, no_progress
from reporter.figures.aggregate import aggregate, notes_by_section
from reporter.figures.progress import evaluate, reference_date, summary
from reporter.figures.scoring import ProblemRecord, link_rounds, score_round
from reporter.intake import build, schema
from reporter.intake import inspection_round as inspection_sheet
from reporter.intake import task_book as task_sheet
from reporter.intake import unit_form as read
from reporter.intake.master import master_bytes
from reporter.model import Campaign, InspectionRound, Submission, Task, Unit
from reporter.publish import pdf
from reporter.publish.files import OutputBatch, locked
from reporter.publish.ledger import ledger_bytes
from reporter.publish.progress_book import progress_bytes
from reporter.publish.sources import PlacedNote, sources_bytes
from reporter.render.batch import BatchRenderer, render_many
from reporter.render.chart import add_bar_chart
from reporter.render.lint import Vocabulary, lint_template
from reporter.render.renderer import DocumentInfo, render_docx
from reporter.render.templatebuild import (
    NOTICE_NAME,
    RECTIFY_NAME,
    REPORT_NAME,
    TASK_LIST_NAME,
    TASKS_NAME,
    starter_report_template_bytes,
)
from reporter.workspace.config import (
    BOOKLET_PARTS,
    Workspace,
    load_campaign,
    open_workspace,
)
from reporter.workspace.skeleton import MAKEFILE, config_text

REPORT_SOURCES_NAME = "工作情况汇报-数据来源.xlsx"

IGNORED_PREFIXES = ("~$", ".")


def build_forms(root: str | Path, progress: Progress = no_progress) -> list[Path]:
    """Write one personalised input workbook per unit to ``outputs/forms/<简称>.xlsx``."""
    ws = open_workspace(root)
    campaign = load_campaign(ws)
    master = ws.xlsx_templates / schema.MASTER_NAME
    if not master.is_file():
        raise InputError([Problem(ws.relative(master), "找不到填报表模板，请恢复该文件（可用 reporter init 重新生成）")])
    tasks = tuple(_load_tasks(ws, campaign))
    with locked(ws.outputs), OutputBatch() as batch:
        batch.replace_folder(ws.outputs / "forms", (".xlsx",))
        for unit in progress(campaign.units, "生成填报表"):
            data = build.form_bytes(master, ws.relative(master), campaign, unit, tasks)
            batch.add(form_path(ws, unit), data)
        written = [form_path(ws, u) for u in campaign.units]
        if campaign.inspection is not None:
            target = ws.outputs / "forms" / schema.INSPECTION_MASTER_NAME
            batch.add(target, inspection_sheet.inspection_form_bytes(campaign))
            written.append(target)
    return written


def form_path(ws: Workspace, unit: Unit) -> Path:
    """Where ``reporter forms`` writes the workbook of ``unit``."""
    return ws.outputs / "forms" / f"{unit.short}.xlsx"


@dataclass
class CheckResult:
    """What ``reporter check`` found: valid submissions, every problem, and who is missing."""

    campaign: Campaign
    files: list[str]
    submissions: list[Submission] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    rounds: list[InspectionRound] = field(default_factory=list)
    problem_records: dict[str, ProblemRecord] = field(default_factory=dict)
    # Units with a workbook (valid or not): the rest have not reported.
    reported: set[str] = field(default_factory=set)

    @property
    def missing_units(self) -> list[Unit]:
        return [u for u in self.campaign.units if u.code not in self.reported]

    @property
    def ok(self) -> bool:
        return not self.problems


def check_inputs(root: str | Path, progress: Progress = no_progress, forms: bool = True,
                 rounds: bool = True) -> CheckResult:
    """Read and validate the inputs; never raises for a bad workbook.

    ``forms``: the units' workbooks of the period and the office's 责任分解表;
    ``rounds``: the inspection rounds under inputs/督查/.
    """
    ws = open_workspace(root)
    campaign = load_campaign(ws)
    result = CheckResult(campaign, [])
    if rounds:
        _check_rounds(ws, campaign, result)
    if forms:
        _check_forms(ws, campaign, result, progress)
    return result


def _check_forms(ws: Workspace, campaign: Campaign, result: CheckResult, progress: Progress) -> None:
    """Read the 责任分解表 and every unit workbook of the period into ``result``."""
    task_problems: list[Problem] = []
    if ws.tasks_path.exists():
        result.files.append(ws.relative(ws.tasks_path))
        result.tasks, task_problems = task_sheet.read_tasks(ws.tasks_path, ws.relative(ws.tasks_path), campaign)
        result.problems.extend(task_problems)
    # Units' 任务进展 sheets are checked against a valid task list only (no cascade of errors).
    known_tasks = () if task_problems else tuple(result.tasks)
    paths = _submission_files(ws.submissions_dir(campaign))
    result.files.extend(ws.relative(p) for p in paths)
    first_file: dict[str, str] = {}
    for path in progress(paths, "检查填报表"):
        display = ws.relative(path)
        found = read.read_submission(path, display, campaign, known_tasks)
        result.problems.extend(found.problems)
        if found.unit_code is None:
            continue
        unit = campaign.unit(found.unit_code)
        result.reported.add(unit.code)
        if unit.code in first_file:
            result.problems.append(Problem(
                display, f"与 {first_file[unit.code]} 都是{unit.short}的填报表，请只保留一份（删除或移走旧的）"))
            continue
        first_file[unit.code] = display
        if found.submission:
            result.submissions.append(found.submission)


def collect(root: str | Path, progress: Progress = no_progress, forms: bool = True,
            rounds: bool = True) -> CheckResult:
    """The valid inputs (see ``check_inputs``); an ``InputError`` listing every problem otherwise."""
    result = check_inputs(root, progress, forms, rounds)
    if result.problems:
        raise InputError(result.problems, f"输入有 {len(result.problems)} 处问题，未生成任何文件，请修改后重试")
    return result


def _check_rounds(ws: Workspace, campaign: Campaign, result: CheckResult) -> None:
    """Read every inspection round under inputs/督查/ into ``result``."""
    if not ws.inspections.is_dir():
        return
    files = sorted(p for p in ws.inspections.glob("*") if p.is_file() and not p.name.startswith(IGNORED_PREFIXES))
    if files and campaign.inspection is None:
        result.problems.append(Problem(ws.relative(ws.inspections), "有督查记录表，但配置文件中没有 [inspection]（评分规则），请先配置"))
        return
    numbers: dict[int, str] = {}
    for path in files:
        display = ws.relative(path)
        result.files.append(display)
        found, problems = inspection_sheet.read_round(path, display, campaign)
        result.problems.extend(problems)
        if found is None:
            continue
        if found.number in numbers:
            result.problems.append(Problem(display, f"与 {numbers[found.number]} 都是第{found.number}轮，请核对轮次",
                                           sheet=schema.SHEET_ROUND, cell=f"B{schema.ROUND_ROWS['number'][0]}"))
            continue
        numbers[found.number] = display
        result.rounds.append(found)
    result.rounds.sort(key=lambda r: r.number)
    result.problem_records, problems = link_rounds(result.rounds)
    result.problems.extend(problems)


def _load_tasks(ws: Workspace, campaign: Campaign) -> list[Task]:
    """The office's 责任分解表 when the workspace has one; an InputError when it is invalid."""
    if not ws.tasks_path.exists():
        return []
    tasks, problems = task_sheet.read_tasks(ws.tasks_path, ws.relative(ws.tasks_path), campaign)
    if problems:
        raise InputError(problems, f"责任分解表有 {len(problems)} 处问题，未生成任何文件")
    return tasks


def _submission_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*")
                  if p.is_file() and not p.name.startswith(IGNORED_PREFIXES)
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))


@dataclass
class ReportResult:
    """What ``reporter report`` wrote, and notes that were not placed anywhere."""

    written: list[Path]
    warnings: list[str]


def report_vocabulary(campaign: Campaign) -> Vocabulary:
    """What the 工作情况汇报 template may use in this workspace."""
    names, attributes, aliases = report_vocabulary_parts(campaign)
    return Vocabulary(names, attributes, frozenset(SECTION_FUNCTIONS),
                      frozenset(s.code for s in campaign.sections), aliases)


def lint(root: str | Path, template: str | Path) -> list[Problem]:
    """Every problem of a report template, checked against the workspace."""
    ws = open_workspace(root)
    campaign = load_campaign(ws)
    path = Path(template)
    if not path.is_file():
        raise UsageError(f"{template}: 找不到模板文件")
    return lint_template(path, ws.relative(path), report_vocabulary(campaign))


def build_report(root: str | Path, allow_missing: bool = False,
                 progress: Progress = no_progress) -> ReportResult:
    """Render ``outputs/工作情况汇报.docx`` and its data-source workbook from the inputs."""
    ws = open_workspace(root)
    checked = collect(root, progress, rounds=False)
    campaign = checked.campaign
    if checked.missing_units and not allow_missing:
        names = "、".join(u.short for u in checked.missing_units)
        raise InputError([Problem(ws.relative(ws.submissions_dir(campaign)), f"以下单位尚未报送：{names}")],
                         "汇报未生成。请催报后重试；如需先出草稿，请加 --allow-missing（缺数处会标为〔缺数〕）")
    template = ws.docx_templates / REPORT_NAME
    display = ws.relative(template)
    if not template.is_file():
        raise InputError([Problem(display, "找不到汇报模板，请恢复该文件（可用 reporter init 生成一个起步模板）")])
    problems = lint_template(template, display, report_vocabulary(campaign))
    if problems:
        raise InputError(problems, f"模板有 {len(problems)} 处问题，未生成任何文件")
    figures = aggregate(campaign, checked.submissions)
    states = evaluate(checked.tasks, checked.submissions, reference_date(campaign))
    context = report_context(campaign, figures, notes_by_section(campaign, checked.submissions), summary(states))
    title = context.values["活动"]["标题"]
    info = DocumentInfo(title, campaign.office, _document_stamp(campaign))
    document = render_docx(template, display, context.values, info)
    titles = {s.code: s.title for s in campaign.sections}
    placed = [PlacedNote(titles[v.note.section_code], v.序号, v.标题, v.单位, str(v.note.source))
              for v in context.cursor.placed]
    sources = sources_bytes(campaign, context.shown.items, placed, f"{title}-数据来源")
    targets = [ws.outputs / REPORT_NAME, ws.outputs / REPORT_SOURCES_NAME]
    with locked(ws.outputs), OutputBatch() as batch:
        batch.add(targets[0], document)
        batch.add(targets[1], sources)
    warnings = [f"{n.source}: 这条工作举措（{titles[n.section_code]}）没有用在汇报中：模板里没有放置 举措('{n.section_code}')"
                for n in context.cursor.unplaced()]
    return ReportResult(targets, warnings)


def _document_stamp(campaign: Campaign) -> dt.datetime:
    day = campaign.report_date or dt.date(campaign.period.year, campaign.period.month, 1)
    return dt.datetime.combine(day, dt.time())


def init_workspace(root: str | Path, today: dt.date | None = None) -> list[Path]:
    """Create a new workspace at ``root``: configuration, master form, starter template, Makefile."""
    ws = Workspace(Path(root))
    if ws.config_path.exists():
        raise UsageError(f"{ws.config_path}: 已存在，未做任何改动（reporter init 只用于新建工作目录）")
    today = today or dt.date.today()
    files = {
        ws.config_path: config_text(today).encode("utf-8"),
        ws.xlsx_templates / schema.MASTER_NAME: master_bytes(),
        ws.docx_templates / REPORT_NAME: starter_report_template_bytes(),
        ws.root / "Makefile": MAKEFILE.encode("utf-8"),
        ws.outputs / ".gitkeep": b"",
    }
    files = {path: data for path, data in files.items() if not path.exists()}
    (ws.inputs / f"{today.year:04d}-{today.month:02d}").mkdir(parents=True, exist_ok=True)
    with locked(ws.outputs), OutputBatch() as batch:
        for path, data in files.items():
            batch.add(path, data)
    return list(files)


TASK_PROGRESS_NAME = "任务推进情况.xlsx"
TASK_LIST_FOLDER = "任务清单"


def build_tasks(root: str | Path, progress: Progress = no_progress) -> list[Path]:
    """Write the 责任分解表, one 任务清单 per involved unit and the task progress workbook."""
    ws = open_workspace(root)
    checked = collect(root, progress, rounds=False)
    campaign = checked.campaign
    if not ws.tasks_path.exists():
        raise InputError([Problem(ws.relative(ws.tasks_path), "找不到责任分解表，请按 templates/xlsx/"
                                  f"{schema.TASK_MASTER_NAME} 的格式填写后放在这里")])
    if not checked.tasks:
        raise InputError([Problem(ws.relative(ws.tasks_path), "责任分解表中还没有任务，请从第 3 行起逐行填写")])
    templates = _checked_templates(ws, {TASKS_NAME: ("活动", "标题", "表格"),
                                        TASK_LIST_NAME: ("活动", "单位", "表格", "牵头数", "配合数")})
    states = evaluate(checked.tasks, checked.submissions, reference_date(campaign))
    stamp = _document_stamp(campaign)
    context, merges = breakdown_context(campaign, checked.tasks)
    written: list[Path] = []
    with locked(ws.outputs), OutputBatch() as batch:
        target = ws.outputs / TASKS_NAME
        batch.add(target, render_docx(templates[TASKS_NAME], ws.relative(templates[TASKS_NAME]), context,
                                      DocumentInfo(context["标题"], campaign.office, stamp), merges))
        written.append(target)
        jobs = {unit.short: (unit_list_context(campaign, unit, states),
                             DocumentInfo(f"{unit.name}任务清单", campaign.office, stamp))
                for unit in units_with_tasks(campaign, checked.tasks)}
        written += _per_unit_documents(batch, ws, TASK_LIST_FOLDER, templates[TASK_LIST_NAME], jobs,
                                       progress, "生成任务清单")
        target = ws.outputs / TASK_PROGRESS_NAME
        batch.add(target, progress_bytes(campaign, states, stamp))
        written.append(target)
    return written


def _per_unit_documents(batch: OutputBatch, ws: Workspace, folder: str, template: Path,
                        jobs: dict[str, tuple[dict, DocumentInfo]], progress: Progress, label: str) -> list[Path]:
    """One document per unit in outputs/<folder>/<简称>.docx, rendered as a batch; documents of
    units no longer listed (and their PDFs) leave the folder."""
    batch.replace_folder(ws.outputs / folder, (".docx", ".pdf"))
    documents = render_many(template, ws.relative(template), list(jobs.values()), progress, label)
    written = []
    for name, data in zip(jobs, documents):
        target = ws.outputs / folder / f"{name}.docx"
        batch.add(target, data)
        written.append(target)
    return written


def _checked_templates(ws: Workspace, names: dict[str, tuple[str, ...]]) -> dict[str, Path]:
    """The named templates, each present and linted against the variables it may use."""
    templates = {name: ws.docx_templates / name for name in names}
    problems = []
    for name, path in templates.items():
        if not path.is_file():
            problems.append(Problem(ws.relative(path), "找不到模板，请恢复该文件（make templates 可重新生成）"))
        else:
            problems.extend(lint_template(path, ws.relative(path), Vocabulary(frozenset(names[name]), {})))
    if problems:
        raise InputError(problems, f"模板有 {len(problems)} 处问题，未生成任何文件")
    return templates


NOTICE_VARIABLES = ("活动", "文号", "轮次", "主送", "督查期间", "基本情况", "排名", "榜名", "红榜", "黑榜", "并列说明",
                    "逾期单位", "反复单位", "图表", "各单位问题", "整改期限", "报送单位", "问题清单", "落款", "成文日期", "抄送")
RECTIFY_VARIABLES = ("活动", "单位", "轮次", "督查期间", "问题", "问题数", "整改期限", "报送单位", "落款", "成文日期")
LEDGER_NAME = "督查问题台账.xlsx"
RECTIFY_FOLDER = "整改通知"


def build_notice(root: str | Path, round_number: int | None = None, progress: Progress = no_progress) -> list[Path]:
    """Write the 督查通报 of a round (the latest by default), one 整改通知书 per unit with open
    problems, and the rectification ledger."""
    ws = open_workspace(root)
    checked = collect(root, progress, forms=False)
    campaign = checked.campaign
    if not checked.rounds:
        raise InputError([Problem(ws.relative(ws.inspections), "没有督查记录表：请按 templates/xlsx/"
                                  f"{schema.INSPECTION_MASTER_NAME} 填写每轮督查记录，放在这里")])
    numbers = [r.number for r in checked.rounds]
    number = numbers[-1] if round_number is None else round_number
    if number not in numbers:
        raise UsageError(f"没有第{number}轮督查记录（现有：{'、'.join(f'第{n}轮' for n in numbers)}）")
    templates = _checked_templates(ws, {NOTICE_NAME: NOTICE_VARIABLES, RECTIFY_NAME: RECTIFY_VARIABLES})
    result = score_round(campaign, checked.rounds, number, checked.problem_records)
    short = {u.code: u.short for u in campaign.units}
    stamp = dt.datetime.combine(result.round.issued, dt.time())
    context = notice_context(campaign, result)
    title = f"第{number}轮督查情况的通报"
    written: list[Path] = []
    with locked(ws.outputs), OutputBatch() as batch:
        target = ws.outputs / NOTICE_NAME
        # The compiled path: a round of thousands of problems and photos renders in seconds.
        notice = BatchRenderer(templates[NOTICE_NAME], ws.relative(templates[NOTICE_NAME]))
        # The score chart goes in after rendering, as a native chart the reader's program draws.
        rendered = notice.render(context, DocumentInfo(title, campaign.office, stamp))
        batch.add(target, add_bar_chart(rendered, CHART_MARKER, score_chart(campaign, result)))
        written.append(target)
        jobs = {short[code]: (rectification_context(campaign, result, code),
                              DocumentInfo(f"{short[code]}整改通知书", campaign.office, stamp))
                for code in units_with_open_problems(campaign, result)}
        written += _per_unit_documents(batch, ws, RECTIFY_FOLDER, templates[RECTIFY_NAME], jobs,
                                       progress, "生成整改通知书")
        target = ws.outputs / LEDGER_NAME
        batch.add(target, ledger_bytes(campaign, result, stamp))
        written.append(target)
    return written


BOOKLET_NAME = "汇编.pdf"
# Per-unit folders become a bookmark group each, with these titles.
BOOKLET_GROUPS = {TASK_LIST_FOLDER: "各单位任务清单", RECTIFY_FOLDER: "整改通知书"}


def output_documents(ws: Workspace, order: tuple[str, ...]) -> list[Path]:
    """The generated .docx files named by ``order`` (document or per-unit folder names)."""
    docs: list[Path] = []
    for name in order:
        if name in BOOKLET_GROUPS:
            docs.extend(sorted((ws.outputs / name).glob("*.docx")))
        elif (ws.outputs / f"{name}.docx").is_file():
            docs.append(ws.outputs / f"{name}.docx")
    return docs


def build_pdfs(root: str | Path, files: list[Path] | None = None, force: bool = False,
               progress: Progress = no_progress) -> list[Path]:
    """Convert .docx outputs to PDF next to them: the given files, or every document whose PDF
    is missing or older than the document (all of them with ``force``)."""
    ws = open_workspace(root)
    if files:
        missing = [f for f in files if not Path(f).is_file()]
        if missing:
            raise UsageError("找不到文件：" + "、".join(str(f) for f in missing))
        docs = [Path(f) for f in files]
    else:
        docs = [d for d in output_documents(ws, BOOKLET_PARTS)
                if force or not d.with_suffix(".pdf").exists()
                or d.with_suffix(".pdf").stat().st_mtime < d.stat().st_mtime]
    with locked(ws.outputs):
        return pdf.convert(docs, progress=progress)


def build_booklet(root: str | Path) -> Path:
    """Merge the PDFs of every document into outputs/汇编.pdf, with bookmarks and page labels."""
    ws = open_workspace(root)
    campaign = load_campaign(ws)
    docs = output_documents(ws, campaign.booklet_order)
    if not docs:
        raise InputError([Problem("outputs", "还没有生成任何文件，请先运行 reporter report / tasks / notice")])
    stale = [d for d in docs if not d.with_suffix(".pdf").exists()
             or d.with_suffix(".pdf").stat().st_mtime < d.stat().st_mtime]
    if stale:
        raise InputError([Problem(ws.relative(d), "还没有转换为 PDF（或 PDF 比文档旧）") for d in stale],
                         "请先运行 reporter pdf，再生成汇编")
    entries = []
    for doc in docs:
        folder = doc.parent.name if doc.parent != ws.outputs else None
        entries.append(pdf.BookletEntry(doc.stem, doc.with_suffix(".pdf"), BOOKLET_GROUPS.get(folder)))
    title = f"{campaign.region}“{campaign.name}”{campaign.period.label}材料汇编"
    with locked(ws.outputs):
        return pdf.make_booklet(entries, ws.outputs / BOOKLET_NAME, title, campaign.office)
