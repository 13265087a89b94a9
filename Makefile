# reporter：常用批处理命令。首次使用：make demo（跑通示例）或 make test（运行测试）。
# make demo 以 root 运行时先安装 LibreOffice 和中文字体（SYSTEM_DEPS=no 则不装）；普通用户
# 没有 LibreOffice 时生成 PDF 以外的全部文件，并说明如何补装。
#
# 文件之间有真实的依赖关系：某个单位的填报表改了，make 只重新生成用到它的文件；
# make -j2 可以并行生成。各命令都可用 WS=目录 指定其他工作目录。

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
REPORTER := $(VENV)/bin/reporter
STAMP := $(VENV)/.installed
VALIDATOR := node_modules/.bin/ooxml-validator
WS ?= .
OUT := $(WS)/outputs
# as root, make demo installs LibreOffice and the fonts first, unless SYSTEM_DEPS=no
SYSTEM_DEPS ?= yes
# the lookup of reporter pdf: soffice or libreoffice on PATH
HAVE_SOFFICE := { command -v soffice || command -v libreoffice; } >/dev/null 2>&1
PDF_SKIPPED := 已跳过 PDF 和汇编（$(OUT:./%=%)/汇编.pdf）：未找到 LibreOffice；其余文件已生成在 $(OUT:./%=%)/。
PDF_HINT := 要生成 PDF，请运行 sudo make system-deps 安装 LibreOffice 和中文字体，再运行 make demo。

CONFIG := $(WS)/inputs/配置.toml
UNIT_FORMS := $(filter-out $(WS)/inputs/督查/%,$(wildcard $(WS)/inputs/*/*.xlsx))
TASK_BOOK := $(wildcard $(WS)/inputs/责任分解表.xlsx)
ROUNDS := $(wildcard $(WS)/inputs/督查/*.xlsx) $(wildcard $(WS)/inputs/督查/照片/*)
TEMPLATES := $(WS)/templates/docx

REPORT := $(OUT)/工作情况汇报.docx
TASKS := $(OUT)/.tasks.done
NOTICE := $(OUT)/.notice.done
FORMS := $(OUT)/.forms.done
PDFS := $(OUT)/.pdf.done
BOOKLET := $(OUT)/汇编.pdf
PALETTE := $(TEMPLATES)/模板素材.docx

.PHONY: help demo test all forms check remind report tasks notice pdf booklet templates palette example-inputs \
        system-deps bench clean

help:
	@echo "make demo            创建 .venv、安装 reporter，并在示例工作目录上从头跑一遍（root 运行时先装 LibreOffice 和字体）"
	@echo "make test            运行全部测试"
	@echo "make system-deps     安装 LibreOffice 和字体（需 root），生成 PDF 时需要"
	@echo "make all             生成全部文件：填报表、汇报、责任分解表、督查通报、PDF、汇编"
	@echo "make forms           生成各单位填报表（outputs/forms/年-月/，每月一个文件夹）"
	@echo "make check           检查 inputs/ 中报回的填报表"
	@echo "make remind          为未报和报送有误的单位生成催报通知，并打印可发到工作群的文字"
	@echo "make report          生成工作情况汇报及数据来源表"
	@echo "make tasks           生成责任分解表、任务清单和任务推进情况表"
	@echo "make notice          生成督查通报、整改通知书和问题台账"
	@echo "make pdf             把生成的 Word 文档转换为 PDF"
	@echo "make booklet         合并为 outputs/汇编.pdf"
	@echo "make palette         配置改动后重新生成模板素材（templates/docx/模板素材.docx）"
	@echo "make bench           城市规模性能测试，最后从生成填报表到合订汇编完整跑一个月（约 18 分钟）"
	@echo "make clean           删除 outputs/ 中生成的文件"

$(STAMP): pyproject.toml
	@$(PYTHON) -m venv $(VENV) || { echo "无法创建虚拟环境 $(VENV)：需要 Python 3.11 以上及 venv 模块，请运行 sudo make system-deps（或 sudo apt-get install python3-venv）后重试" >&2; exit 1; }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

# The Open XML SDK validator (npm) checks generated .docx in the tests; those tests skip without it.
$(VALIDATOR): package.json
	@if ! command -v npm >/dev/null 2>&1; then echo "（未安装 npm，检查 Word 文件格式的测试将跳过）"; \
	elif npm install --no-audit --no-fund --no-save --silent; then touch $@; \
	else echo "（npm install 未成功，检查 Word 文件格式的测试将跳过）"; fi

# As root: LibreOffice and the fonts first (a failed install leaves PDFs out, as for a user).
# Without LibreOffice: everything but the PDFs and the booklet, a note how to add them, exit 0.
demo:
	@if [ "$(SYSTEM_DEPS)" != no ] && [ "$$(id -u)" -eq 0 ]; then \
	  bash scripts/install-system-deps.sh || echo "（安装 LibreOffice 和字体未成功，原因见上；其余文件照常生成）" >&2; fi
	@$(MAKE) --no-print-directory $(STAMP)
	$(MAKE) --no-print-directory check forms report tasks notice
	@if $(HAVE_SOFFICE); then $(MAKE) --no-print-directory booklet; else echo "$(PDF_SKIPPED)"; echo "$(PDF_HINT)"; fi

test: $(STAMP) $(VALIDATOR)
	$(PY) -m mypy
	$(PY) -m pytest -q -n auto

all: forms report tasks notice booklet

check: $(STAMP)
	$(REPORTER) check -w $(WS)

# 催报通知 for the units that have not reported or must correct their workbooks (always rerun: it is dated today).
remind: $(STAMP)
	$(REPORTER) remind -w $(WS)

forms: $(FORMS)
$(FORMS): $(STAMP) $(CONFIG) $(TASK_BOOK) $(WS)/templates/xlsx/填报表.xlsx
	$(REPORTER) forms -w $(WS)
	@touch $@

report: $(REPORT)
$(REPORT): $(STAMP) $(CONFIG) $(UNIT_FORMS) $(TASK_BOOK) $(TEMPLATES)/工作情况汇报.docx
	$(REPORTER) report -w $(WS)

tasks: $(TASKS)
$(TASKS): $(STAMP) $(CONFIG) $(UNIT_FORMS) $(TASK_BOOK) $(TEMPLATES)/责任分解表.docx $(TEMPLATES)/任务清单.docx
	$(REPORTER) tasks -w $(WS)
	@touch $@

notice: $(NOTICE)
$(NOTICE): $(STAMP) $(CONFIG) $(ROUNDS) $(TEMPLATES)/督查通报.docx $(TEMPLATES)/整改通知书.docx
	$(REPORTER) notice -w $(WS)
	@touch $@

# reporter pdf converts only documents whose PDF is missing or older, in one batch.
pdf: $(PDFS)
$(PDFS): $(REPORT) $(TASKS) $(NOTICE)
	$(REPORTER) pdf -w $(WS)
	@touch $@

booklet: $(BOOKLET)
$(BOOKLET): $(PDFS)
	$(REPORTER) booklet -w $(WS)

templates: $(STAMP)
	$(PY) scripts/build_templates.py
	$(REPORTER) palette -w .

# 模板素材: the palette of tags for the configuration, made again when the configuration changes.
palette: $(PALETTE)
$(PALETTE): $(STAMP) $(CONFIG)
	$(REPORTER) palette -w $(WS)

example-inputs: $(STAMP)
	$(PY) scripts/make_example_inputs.py

system-deps:
	bash scripts/install-system-deps.sh

bench: $(STAMP)
	$(PY) scripts/bench.py

clean:
	find $(OUT) -mindepth 1 ! -name .gitkeep -exec rm -rf {} +
