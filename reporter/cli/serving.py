"""The commands of the web intake: ``links``, ``serve``, ``backup`` and ``restore``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from reporter.clitext import ReporterCommand
from reporter.cli.options import WORKSPACE_TYPE, no_wait_option, workspace_option


@click.command(cls=ReporterCommand)
@workspace_option
@no_wait_option
@click.option("--base-url", default="http://127.0.0.1:8000", show_default=True, metavar="网址",
              help="各单位访问本机服务器的网址（如 http://192.168.1.10:8000）")
@click.option("--renew", is_flag=True, help="作废全部旧链接，重新生成（默认保留已有链接）")
def links(workspace: Path, base_url: str, renew: bool) -> None:
    """为每个单位和办公室生成填报链接，写入 outputs/填报链接.xlsx（含二维码）并逐行打印；
    另生成 outputs/填报链接.pdf，每个单位一页（单位、报送期、截止日期、二维码和链接），可打印分发。"""
    from reporter.web.links import build_links

    made = build_links(workspace, base_url, renew)
    for line in made.lines():
        click.echo(line)
    click.echo(f"已生成：{made.workbook}", err=True)
    if made.sheets is not None:
        click.echo(f"已生成：{made.sheets}（每个单位一页，可打印）", err=True)
    if made.note:
        click.echo(f"提醒：{made.note}", err=True)


@click.command(cls=ReporterCommand)
@workspace_option
@click.option("--host", default="127.0.0.1", show_default=True, metavar="地址",
              help="监听地址（默认只允许本机访问；局域网访问写 0.0.0.0）")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), metavar="端口号",
              help="端口（1～65535）")
@click.option("--max-upload-mb", default=10.0, show_default=True, type=click.FloatRange(0.1, 1024),
              metavar="兆字节", help="上传文件大小上限（兆字节，0.1～1024）")
@click.option("--public-url", default=None, metavar="网址",
              help="经 Caddy 等代理对外提供服务时，各单位访问的网址（如 https://tb.example.gov.cn）；"
                   "页面中的链接、二维码和跳转都用这个网址，见 deploy/README.md")
@click.option("--job-workers", default=2, show_default=True, type=click.IntRange(1, 16), metavar="个",
              help="本进程同时运行的后台任务（看板上的检查、生成汇报、催报）数，另可排队同样多个")
@click.option("--job-keep-hours", default=24.0, show_default=True, type=click.FloatRange(0.1, 24 * 90),
              metavar="小时", help="后台任务及其结果文件保留多久，过期自动删除")
def serve(workspace: Path, host: str, port: int, max_upload_mb: float, public_url: str | None,
          job_workers: int, job_keep_hours: float) -> None:
    """启动网上填报服务器：各单位用自己的链接上传或在网页上填写，办公室在看板上查看报送情况。"""
    from reporter.web.server import prepare

    running = prepare(workspace, host, port, int(max_upload_mb * 1024 * 1024), public_url=public_url,
                      job_workers=job_workers, job_keep=dt.timedelta(hours=job_keep_hours))  # refuses before announcing
    for note in running.notes:
        click.echo(note, err=True)
    reached = f"，对外网址 {public_url.rstrip('/')}/" if public_url else ""
    click.echo(f"网上填报服务已启动：http://{host}:{port}/{reached}（按 Ctrl+C 停止）。"
               "各单位的链接用 reporter links 生成。", err=True)
    running.run()


@click.command(cls=ReporterCommand)
@workspace_option
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path), metavar="[备份文件]")
def backup(workspace: Path, file: Path | None) -> None:
    """把网上填报的数据库、inputs/（含配置）、templates/ 和密钥备份为一个压缩文件（服务运行中也可以备份）。
    不写备份文件名时存到工作目录的 备份/ 文件夹。备份含密钥，能打开全部链接，请妥善保管。"""
    from reporter.web.backup import create_backup

    made = create_backup(workspace, file)
    click.echo(f"已备份：{made.path}（文件 {made.files} 个，报送版本 {made.rows.get('versions', 0)} 个，"
               f"链接 {made.rows.get('links', 0)} 个）")


@click.command(cls=ReporterCommand)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path), metavar="备份文件")
@click.argument("directory", type=WORKSPACE_TYPE, metavar="目录")
def restore(file: Path, directory: Path) -> None:
    """从 reporter backup 的备份文件恢复出一个工作目录（目录须不存在或为空）；数据库恢复到其中，
    设置了环境变量 `DATABASE_URL` 时恢复到那个（空的）数据库。恢复后原来的链接和各版本照常可用。"""
    from reporter.web.backup import restore_backup

    done = restore_backup(file, directory)
    for note in done.notes:
        click.echo(note, err=True)
    click.echo(f"已恢复到：{done.root}（文件 {done.files} 个，报送版本 {done.rows.get('versions', 0)} 个，"
               f"链接 {done.rows.get('links', 0)} 个；数据库：{done.database}）")
