"""Operating-system errors in the words finance staff read: errno → Chinese.

Python's ``strerror`` is English ("No such file or directory"); every message the tool prints is
Chinese, so the reason an open, read, write or rename failed is looked up here by errno.
"""

from __future__ import annotations

import errno

_REASONS = {
    errno.ENOENT: "文件或目录不存在",
    errno.EACCES: "权限不足",
    errno.EPERM: "权限不足（不允许此操作）",
    errno.EISDIR: "是目录",
    errno.ENOTDIR: "路径中有一段不是目录",
    errno.ENOSPC: "磁盘已满",
    errno.EDQUOT: "超出磁盘配额",
    errno.EROFS: "只读文件系统",
    errno.EEXIST: "已存在",
    errno.ENAMETOOLONG: "文件名过长",
    errno.ELOOP: "符号链接层数过多（可能是循环链接）",
    errno.EMFILE: "打开的文件过多",
    errno.ENFILE: "系统打开的文件过多",
    errno.EIO: "读写错误（磁盘或设备故障）",
    errno.EBUSY: "文件或设备正被占用",
    errno.ETXTBSY: "文件正被执行，无法写入",
    errno.EFBIG: "文件过大",
    errno.ENXIO: "设备不存在或没有读取端（如无人读取的 FIFO）",
    errno.ENODEV: "设备不存在",
    errno.EPIPE: "管道已关闭（读取端已退出）",
    errno.EXDEV: "不能跨文件系统移动",
    errno.EINVAL: "参数无效（此文件系统不支持该操作）",
    errno.EAGAIN: "资源暂时不可用，请稍后重试",
    errno.ENOMEM: "内存不足",
    errno.ENOTEMPTY: "目录不为空",
    errno.ESTALE: "网络文件句柄已失效",
    errno.ETIMEDOUT: "操作超时",
    errno.EOPNOTSUPP: "此文件系统不支持该操作",
}


def describe(exc: OSError) -> str:
    """The reason of an OSError in Chinese, e.g. "权限不足"; an errno without a translation is
    named by its symbol (e.g. "系统错误 ECHILD") rather than in English."""
    code = exc.errno
    if code in _REASONS:
        return _REASONS[code]
    if code is not None:
        return f"系统错误 {errno.errorcode.get(code, code)}"
    return f"系统错误（{type(exc).__name__}）"
