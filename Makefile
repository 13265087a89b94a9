# reporter: 常用批处理命令。首次使用：make demo（跑通示例）或 make test（运行测试）。

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
REPORTER := $(VENV)/bin/reporter
STAMP := $(VENV)/.installed
WS ?= .

VALIDATOR := node_modules/.bin/ooxml-validator

.PHONY: help demo test forms check report templates example-inputs clean

help:
	@echo "make demo            创建 .venv、安装 reporter，并在示例工作目录上从头跑一遍"
	@echo "make test            运行全部测试"
	@echo "make forms           生成各单位填报表（outputs/forms/）"
	@echo "make check           检查 inputs/ 中报回的填报表"
	@echo "make report          生成工作情况汇报及数据来源表"
	@echo "make templates       由代码重新生成 templates/ 中的模板"
	@echo "make clean           删除 outputs/ 中生成的文件"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

demo: $(STAMP)
	$(REPORTER) forms -w $(WS)
	$(REPORTER) check -w $(WS)
	$(REPORTER) lint -w $(WS) $(WS)/templates/docx/工作情况汇报.docx
	$(REPORTER) report -w $(WS)

# The Open XML SDK validator (npm) checks generated .docx in the tests; skipped without npm.
$(VALIDATOR): package.json
	-command -v npm >/dev/null 2>&1 && npm install --no-audit --no-fund --no-save --silent && touch $@

test: $(STAMP) $(VALIDATOR)
	$(PY) -m pytest -q

forms: $(STAMP)
	$(REPORTER) forms -w $(WS)

check: $(STAMP)
	$(REPORTER) check -w $(WS)

report: $(STAMP)
	$(REPORTER) report -w $(WS)

templates: $(STAMP)
	$(PY) scripts/build_templates.py

example-inputs: $(STAMP)
	$(PY) scripts/make_example_inputs.py

clean:
	find outputs -mindepth 1 ! -name .gitkeep -exec rm -rf {} +
