"""Protocol errors (PROTOCOL.md §2): every non-2xx answer is {"error": {"code", "message"}}."""

from __future__ import annotations

import json

from starlette.responses import Response

# code → (status, Chinese, English). `message` carries both: the client never shows it anyway.
ERRORS = {
    "request.malformed": (400, "请求格式不正确", "The request is malformed"),
    "signature.invalid": (400, "签名与收到的内容不符", "The signature does not verify over the bytes received"),
    "hash.mismatch": (400, "内容摘要与收到的内容不符", "X-SkillDesk-Content-Hash differs from the SHA-256 of the body"),
    "device.unknown": (401, "该密钥未在平台登记", "This key is not registered with the platform"),
    "key.revoked": (403, "该密钥已被吊销或已被新密钥替换", "This key was revoked or replaced by a newer key"),
    "enrolment.invalid": (403, "登记码无效、已被使用或已过期", "The enrolment code is unknown, used or expired"),
    "batch.unknown": (404, "平台上没有这个批次", "The platform never committed this batch"),
    "not_found": (404, "没有这个地址", "No such address"),
    "dataset.unknown": (404, "没有这个参考数据集", "No such reference dataset"),
    "batch.conflict": (409, "同一批次编号已用于不同的内容", "This batch id was already used for different bytes"),
    "batch.too_large": (413, "批次超过平台允许的大小", "The batch is larger than the platform accepts"),
    "schema.invalid": (422, "批次不符合数据格式", "The document fails the batch schema"),
    "client.too_old": (426, "客户端版本过旧，请升级", "This client version is no longer accepted; upgrade it"),
    "platform.busy": (503, "平台繁忙，请稍后重试", "The platform is busy; retry later"),
    "platform.error": (500, "平台内部错误", "Platform failure"),
}


class ApiError(Exception):
    def __init__(self, code: str, detail: str | None = None, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.status, zh, en = ERRORS[code]
        self.message = f"{zh}。{en}." + (f" {detail}" if detail else "")
        self.headers = headers or {}


def error_body(code: str, message: str) -> bytes:
    return json.dumps({"error": {"code": code, "message": message}}, ensure_ascii=False).encode("utf-8")


def error_response(error: ApiError) -> Response:
    return Response(error_body(error.code, error.message), status_code=error.status,
                    media_type="application/json", headers=error.headers)


def json_response(value: object, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(json.dumps(value, ensure_ascii=False).encode("utf-8"), status_code=status,
                    media_type="application/json", headers=headers)
