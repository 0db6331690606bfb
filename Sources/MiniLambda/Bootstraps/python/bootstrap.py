# lambda-tutor's Python bootstrap: a small runtime interface client that speaks the public
# Lambda Runtime API (http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime/...).
#
# Standard library only, and as few imports as possible: its start-up time is the cold start
# the learner sees. It mirrors what the official client (awslambdaric) does: the same handler
# strings, context fields, error JSON, init error types and log line formats.
import json
import os
import socket
import sys
import time

API = "/2018-06-01/runtime"


class RuntimeClient:
    """A keep-alive HTTP/1.1 client for the Runtime API; one connection, reused."""

    def __init__(self, address):
        host, _, port = address.rpartition(":")
        self.address = (host or "127.0.0.1", int(port))
        self.sock = None
        self.buffer = b""

    def _connect(self):
        self.sock = socket.create_connection(self.address)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buffer = b""

    def request(self, method, path, body=b"", headers=None):
        if self.sock is None:
            self._connect()
        lines = ["%s %s HTTP/1.1" % (method, path), "Host: %s:%d" % self.address,
                 "Content-Length: %d" % len(body)]
        if headers:
            lines.extend("%s: %s" % item for item in headers.items())
        self.sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
        return self._read_response()

    def _fill(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionError("Runtime API closed the connection")
        self.buffer += chunk

    def _read_response(self):
        while b"\r\n\r\n" not in self.buffer:
            self._fill()
        head, _, self.buffer = self.buffer.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.lower()] = value.strip()
        if headers.get("transfer-encoding", "").lower() == "chunked":
            body = self._read_chunked()
        else:
            length = int(headers.get("content-length", "0"))
            while len(self.buffer) < length:
                self._fill()
            body, self.buffer = self.buffer[:length], self.buffer[length:]
        return status, headers, body

    def _read_chunked(self):
        body = b""
        while True:
            while b"\r\n" not in self.buffer:
                self._fill()
            size_line, _, self.buffer = self.buffer.partition(b"\r\n")
            size = int(size_line.split(b";")[0], 16)
            while len(self.buffer) < size + 2:
                self._fill()
            body += self.buffer[:size]
            self.buffer = self.buffer[size + 2:]
            if size == 0:
                return body

    def next(self):
        return self.request("GET", API + "/invocation/next")

    def post(self, path, payload, error_type=None, content_type="application/json"):
        headers = {"Content-Type": content_type}
        if error_type:
            headers["Lambda-Runtime-Function-Error-Type"] = error_type
        sys.stdout.flush()
        sys.stderr.flush()
        return self.request("POST", API + path, payload, headers)


# --- context object (field names as in AWS's Python runtime) ---------------------------------

class CognitoIdentity:
    """Always there, as on AWS: its fields are None when the caller sent no Cognito identity."""
    __slots__ = ["cognito_identity_id", "cognito_identity_pool_id"]

    def __init__(self, data):
        self.cognito_identity_id = data.get("cognitoIdentityId")
        self.cognito_identity_pool_id = data.get("cognitoIdentityPoolId")

    def __repr__(self):
        return "CognitoIdentity([cognito_identity_id=%s,cognito_identity_pool_id=%s])" % (
            self.cognito_identity_id, self.cognito_identity_pool_id)


class Client:
    def __init__(self, data):
        self.installation_id = data.get("installation_id")
        self.app_title = data.get("app_title")
        self.app_version_name = data.get("app_version_name")
        self.app_version_code = data.get("app_version_code")
        self.app_package_name = data.get("app_package_name")


class ClientContext:
    def __init__(self, data):
        self.client = Client(data["client"]) if data.get("client") else None
        self.custom = data.get("custom")
        self.env = data.get("env")


class LambdaContext:
    # The environment's own settings, the same for its whole life: read from os.environ once
    # instead of five look-ups per invocation (each encodes the key and decodes the value).
    _environment = None

    def __init__(self, request_id, deadline_ms, arn, identity, client_context, tenant_id=None):
        fixed = LambdaContext._environment
        if fixed is None:
            env = os.environ
            fixed = LambdaContext._environment = (
                env.get("AWS_LAMBDA_FUNCTION_NAME"), env.get("AWS_LAMBDA_FUNCTION_VERSION"),
                env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"), env.get("AWS_LAMBDA_LOG_GROUP_NAME"),
                env.get("AWS_LAMBDA_LOG_STREAM_NAME"))
        (self.function_name, self.function_version, self.memory_limit_in_mb,
         self.log_group_name, self.log_stream_name) = fixed
        self.aws_request_id = request_id
        self.invoked_function_arn = arn
        self.tenant_id = tenant_id
        self.identity = CognitoIdentity(_header_json(identity, "Cognito Identity") if identity else {})
        self.client_context = ClientContext(_header_json(client_context, "Client Context")) if client_context else None
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        return max(self._deadline_ms - int(time.time() * 1000), 0)

    def __repr__(self):
        return ("LambdaContext([aws_request_id=%s,log_group_name=%s,log_stream_name=%s,function_name=%s,"
                "memory_limit_in_mb=%s,function_version=%s,invoked_function_arn=%s,client_context=%s,"
                "identity=%s,tenant_id=%s])" % (
                    self.aws_request_id, self.log_group_name, self.log_stream_name, self.function_name,
                    self.memory_limit_in_mb, self.function_version, self.invoked_function_arn,
                    self.client_context, self.identity, self.tenant_id))


def _header_json(value, name):
    try:
        return json.loads(value)
    except ValueError as error:
        raise FaultError("Runtime.LambdaContextUnmarshalError", "Unable to parse %s JSON: %s" % (name, error))


# --- logging as awslambdaric does it: text (`[LEVEL]\t<ts>\t<request id>\t<message>`) or JSON
# (AWS_LAMBDA_LOG_FORMAT=JSON), filtered by AWS_LAMBDA_LOG_LEVEL; set up only when the handler
# imports `logging`, so handlers that never log do not pay its import time at cold start ---------

current_request_id = ""
current_tenant_id = None
JSON_LOGS = (os.environ.get("AWS_LAMBDA_LOG_FORMAT") or "").upper() == "JSON"
# awslambdaric's mapping: Lambda's TRACE is Python's DEBUG.
LOG_LEVEL = {"TRACE": "DEBUG"}.get((os.environ.get("AWS_LAMBDA_LOG_LEVEL") or "").upper(),
                                   (os.environ.get("AWS_LAMBDA_LOG_LEVEL") or "").upper())
# Fields of a LogRecord that JSON lines never show as extra keys.
_RECORD_FIELDS = {"name", "msg", "args", "levelname", "levelno", "pathname", "filename", "module", "exc_info",
                  "exc_text", "stack_info", "lineno", "funcName", "created", "msecs", "relativeCreated", "thread",
                  "threadName", "processName", "process", "aws_request_id", "tenant_id", "taskName"}


def _timestamp(seconds):
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds)) + ".%03dZ" % (int(seconds * 1000) % 1000)


def _json_timestamp(seconds):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


def _json_line(entry):
    return json.dumps({key: value for key, value in entry.items() if value is not None}, ensure_ascii=False,
                      default=str)


def _configure_logging(logging):
    import traceback

    def json_format(record):
        level = min(50, max(0, record.levelno)) // 10 * 10
        exc = record.exc_info
        entry = {
            "timestamp": _json_timestamp(record.created),
            "level": logging.getLevelName(level),
            "message": record.getMessage(),
            "logger": record.name,
            "stackTrace": [_lambda_path_line(line) for line in traceback.format_tb(exc[2])] if exc else None,
            "errorType": exc[0].__name__ if exc else None,
            "errorMessage": str(exc[1]) if exc else None,
            "requestId": current_request_id,
            "location": "%s:%s:%s" % (_lambda_path(record.pathname), record.funcName, record.lineno) if exc else None,
            "tenantId": current_tenant_id,
        }
        for key, value in record.__dict__.items():
            if key not in _RECORD_FIELDS and key not in entry:
                entry[key] = value
        return _json_line(entry)

    class LambdaHandler(logging.Handler):
        def emit(self, record):
            try:
                if JSON_LOGS:
                    sys.stdout.write(json_format(record).replace("\n", "\r") + "\n")
                    return
                message = self.format(record).replace("\n", "\r")
                sys.stdout.write("[%s]\t%s\t%s\t%s\n" % (record.levelname, _timestamp(record.created),
                                                        current_request_id, message))
            except Exception:
                self.handleError(record)

    root = logging.getLogger()
    root.addHandler(LambdaHandler())
    if LOG_LEVEL in logging._nameToLevel:
        root.setLevel(LOG_LEVEL)


class _LoggingHook:
    """Configures `logging` the moment user code imports it, so handlers that never log do not
    pay its import time at cold start."""

    def find_spec(self, name, path=None, target=None):
        if name != "logging":
            return None
        sys.meta_path.remove(self)
        import importlib.util
        spec = importlib.util.find_spec(name)
        original = spec.loader.exec_module

        def exec_module(module):
            original(module)
            _configure_logging(module)

        spec.loader.exec_module = exec_module
        return spec


# --- paths as Lambda shows them -----------------------------------------------------------------

def _runtime_version():
    env = os.environ.get("AWS_EXECUTION_ENV", "")
    return env[len("AWS_Lambda_python"):] if env.startswith("AWS_Lambda_python") else "%d.%d" % sys.version_info[:2]


def _path_map():
    """Host locations → Lambda's: the code at /var/task, the interpreter's library at
    /var/lang/lib/python3.x (site-packages included), the runtime at /var/runtime."""
    lib = "/var/lang/lib/python" + _runtime_version()
    mapping = []
    task_root = os.environ.get("LAMBDA_TASK_ROOT", "")
    if task_root and task_root != "/var/task":
        mapping.append((task_root + os.sep, "/var/task/"))
    host_lib = os.path.join(sys.base_prefix, "lib", "python%d.%d" % sys.version_info[:2])
    mapping.append((host_lib + "/site-packages/", lib + "/site-packages/"))
    mapping.append((os.path.join(sys.base_prefix, "lib", "python3", "dist-packages") + os.sep, lib + "/site-packages/"))
    mapping.append((host_lib + os.sep, lib + "/"))
    mapping.append((os.path.dirname(os.path.abspath(__file__)) + os.sep, "/var/runtime/"))
    return mapping


_PATHS = None


def _lambda_path(path):
    global _PATHS
    if _PATHS is None:
        _PATHS = _path_map()
    for host, lam in _PATHS:
        if path.startswith(host):
            return lam + path[len(host):]
    return path


def _lambda_path_line(line):
    # `  File "/usr/lib/python3.11/json/__init__.py", line 231, in dumps` and the like.
    head, quote, rest = line.partition('File "')
    if not quote:
        return line
    path, close, tail = rest.partition('"')
    return head + quote + _lambda_path(path) + close + tail


# --- errors in AWS's shapes --------------------------------------------------------------------

class FaultError(Exception):
    def __init__(self, error_type, message, trace=None):
        super().__init__(message)
        self.error_type = error_type
        self.message = message
        self.trace = trace or []


# Run as the .pyc the tutor compiled once, this file's frames carry the .py's name.
_OWN_SOURCE = __file__[:-1] if __file__.endswith(".pyc") else __file__


def _stack(tb):
    import traceback
    frames = [frame for frame in traceback.extract_tb(tb) if frame.filename != _OWN_SOURCE]
    for frame in frames:
        frame.filename = _lambda_path(frame.filename)
    return traceback.format_list(frames)


def _error_payload(error_type, message, stack, request_id):
    return json.dumps({"errorMessage": message, "errorType": error_type, "requestId": request_id,
                       "stackTrace": stack}).encode()


def _log_error(error_type, message, stack):
    if JSON_LOGS:
        sys.stdout.write(_json_line({"timestamp": _json_timestamp(time.time()), "level": "ERROR",
                                     "errorMessage": message, "errorType": error_type,
                                     "requestId": current_request_id, "stackTrace": stack}) + "\n")
        return
    lines = ["[ERROR] %s: %s" % (error_type, message), "Traceback (most recent call last):"]
    for entry in stack:
        for line in entry.splitlines():
            # awslambdaric indents traceback lines with NO-BREAK SPACEs.
            stripped = line.lstrip(" ")
            lines.append("\u00a0" * (len(line) - len(stripped)) + stripped)
    sys.stdout.write("\r".join(lines) + "\n")


_INIT_WARNING = ("LAMBDA_WARNING: Unhandled exception. The most likely cause is an issue in the function code. "
                 "However, in rare cases, a Lambda runtime update can cause unexpected function behavior. For "
                 "functions using managed runtimes, runtime updates can be triggered by a function change, or can "
                 "be applied automatically. To determine if the runtime has been updated, check the runtime version "
                 "in the INIT_START log entry. If this error correlates with a change in the runtime version, you may "
                 "be able to mitigate this error by temporarily rolling back to the previous runtime version. For more "
                 "information, see https://docs.aws.amazon.com/lambda/latest/dg/runtimes-update.html")


def _log_init_warning():
    if LOG_LEVEL in ("ERROR", "CRITICAL", "FATAL"):
        return
    now = time.time()
    if JSON_LOGS:
        sys.stdout.write(_json_line({"timestamp": _json_timestamp(now), "level": "WARNING", "message": _INIT_WARNING,
                                     "logger": "root", "requestId": ""}) + "\n")
    else:
        sys.stdout.write("[WARNING]\t%s\t\t%s\n" % (_timestamp(now), _INIT_WARNING))


# --- responses as awslambdaric marshals them ---------------------------------------------------

# python3.12 and later send non-ASCII text as it is; earlier runtimes escape it.
_ENSURE_ASCII = os.environ.get("AWS_EXECUTION_ENV") not in {
    "AWS_Lambda_python3.12", "AWS_Lambda_python3.13", "AWS_Lambda_python3.14", "AWS_Lambda_python3.15"}


class Marshaller:
    """`Decimal` becomes a JSON number (its exact digits, as DynamoDB gives them), `bytes` the raw
    body. The standard library's encoder cannot write raw text, so a Decimal is first written as a
    string with a per-process marker, which is then unquoted."""

    def __init__(self):
        self.marker = "\x00%s:" % os.urandom(8).hex()
        self.used = False
        self.encoder = json.JSONEncoder(ensure_ascii=_ENSURE_ASCII, default=self._default)

    def _default(self, value):
        decimal = sys.modules.get("decimal")
        if decimal is not None and isinstance(value, decimal.Decimal):
            if value.is_nan():
                return float("nan")
            self.used = True
            return self.marker + str(value)
        raise TypeError("Object of type %s is not JSON serializable" % type(value).__name__)

    def marshal(self, value):
        """(body bytes, content type)."""
        if isinstance(value, bytes):
            return value, "application/unknown"
        self.used = False
        try:
            text = self.encoder.encode(value)
        except Exception as error:
            raise FaultError("Runtime.MarshalError", "Unable to marshal response: %s" % error)
        if self.used:
            import re
            quoted = '"\\u0000' + self.marker[1:]
            text = re.sub(re.escape(quoted) + r'([^"]*)"', lambda match: match.group(1), text)
        try:
            return text.encode(), "application/json"
        except UnicodeEncodeError as error:
            raise FaultError("Runtime.MarshalError", "Unable to marshal response: %s" % error)


# --- handler loading ---------------------------------------------------------------------------

def load_handler(handler):
    try:
        module_path, function_name = handler.rsplit(".", 1)
    except ValueError as error:
        raise FaultError("Runtime.MalformedHandlerName", "Bad handler '%s': %s" % (handler, error))
    module_name = module_path.replace("/", ".")
    if module_name in sys.builtin_module_names:
        raise FaultError("Runtime.BuiltInModuleConflict",
                         "Cannot use built-in module %s as a handler module" % module_name)
    import importlib
    try:
        module = importlib.import_module(module_name)
    except ImportError as error:
        raise FaultError("Runtime.ImportModuleError", "Unable to import module '%s': %s" % (module_path, error))
    except SyntaxError as error:
        # awslambdaric's one-entry stackTrace: where the parser stopped.
        trace = ['  File "%s" Line %s\n    %s' % (_lambda_path(error.filename or ""), error.lineno, error.text)]
        raise FaultError("Runtime.UserCodeSyntaxError",
                         "Syntax error in module '%s': %s" % (module_path, error), trace)
    try:
        return getattr(module, function_name)
    except AttributeError:
        raise FaultError("Runtime.HandlerNotFound",
                         "Handler '%s' missing on module '%s'" % (function_name, module_path))


def main():
    global current_request_id, current_tenant_id
    client = RuntimeClient(os.environ["AWS_LAMBDA_RUNTIME_API"])
    task_root = os.environ.get("LAMBDA_TASK_ROOT", os.getcwd())
    sys.path.insert(0, task_root)
    # Layers' folders right after the code, in Lambda's order; site-packages is named after the
    # function's runtime (python3.12), which may not be this machine's interpreter version.
    runtime = os.environ.get("AWS_EXECUTION_ENV", "").replace("AWS_Lambda_", "") or "python%d.%d" % sys.version_info[:2]
    sys.path[1:1] = ["/opt/python/lib/%s/site-packages" % runtime, "/opt/python"]
    sys.meta_path.insert(0, _LoggingHook())
    marshaller = Marshaller()

    try:
        handler = load_handler(os.environ.get("_HANDLER", ""))
    except FaultError as fault:
        error_type, message, stack = fault.error_type, fault.message, fault.trace
    except Exception as error:
        # The exception's own type; the platform records it as Runtime.Unknown (INIT_REPORT).
        error_type, message, stack = type(error).__name__, str(error), _stack(error.__traceback__)
    else:
        error_type = None
    if error_type is not None:
        _log_init_warning()
        _log_error(error_type, message, stack)
        client.post("/init/error", _error_payload(error_type, message, stack, ""), error_type)
        sys.exit(1)

    while True:
        status, headers, body = client.next()
        if status != 200:
            sys.exit(1)
        request_id = headers.get("lambda-runtime-aws-request-id", "")
        current_request_id = request_id
        current_tenant_id = headers.get("lambda-runtime-aws-tenant-id")
        trace_id = headers.get("lambda-runtime-trace-id")
        if trace_id:
            os.environ["_X_AMZN_TRACE_ID"] = trace_id
        else:
            os.environ.pop("_X_AMZN_TRACE_ID", None)
        path = "/invocation/%s" % request_id
        try:
            context = LambdaContext(request_id, int(headers.get("lambda-runtime-deadline-ms", "0")),
                                    headers.get("lambda-runtime-invoked-function-arn"),
                                    headers.get("lambda-runtime-cognito-identity"),
                                    headers.get("lambda-runtime-client-context"), current_tenant_id)
            try:
                event = json.loads(body) if body else {}
            except ValueError as error:
                raise FaultError("Runtime.UnmarshalError", "Unable to unmarshal input: %s" % error)
            result = handler(event, context)
            payload, content_type = marshaller.marshal(result)
        except FaultError as fault:
            _log_error(fault.error_type, fault.message, fault.trace)
            client.post(path + "/error", _error_payload(fault.error_type, fault.message, fault.trace, request_id),
                        fault.error_type)
            continue
        except Exception as error:
            error_type = type(error).__name__
            message = str(error)
            stack = _stack(error.__traceback__)
            _log_error(error_type, message, stack)
            client.post(path + "/error", _error_payload(error_type, message, stack, request_id))
            continue
        client.post(path + "/response", payload, content_type=content_type)


if __name__ == "__main__":
    main()
