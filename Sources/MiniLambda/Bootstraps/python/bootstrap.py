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
            headers[name.strip().lower()] = value.strip()
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

    def post(self, path, payload, error_type=None):
        headers = {"Content-Type": "application/json"}
        if error_type:
            headers["Lambda-Runtime-Function-Error-Type"] = error_type
        sys.stdout.flush()
        sys.stderr.flush()
        return self.request("POST", API + path, payload, headers)


# --- context object (field names as in AWS's Python runtime) ---------------------------------

class CognitoIdentity:
    def __init__(self, data):
        self.cognito_identity_id = data.get("cognitoIdentityId")
        self.cognito_identity_pool_id = data.get("cognitoIdentityPoolId")


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
    def __init__(self, request_id, deadline_ms, arn, identity, client_context):
        env = os.environ
        self.aws_request_id = request_id
        self.function_name = env.get("AWS_LAMBDA_FUNCTION_NAME")
        self.function_version = env.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.invoked_function_arn = arn
        self.memory_limit_in_mb = env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.log_group_name = env.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = env.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.identity = CognitoIdentity(json.loads(identity)) if identity else None
        self.client_context = ClientContext(json.loads(client_context)) if client_context else None
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        return max(self._deadline_ms - int(time.time() * 1000), 0)

    def __repr__(self):
        return ("LambdaContext([aws_request_id=%s,log_group_name=%s,log_stream_name=%s,function_name=%s,"
                "memory_limit_in_mb=%s,function_version=%s,invoked_function_arn=%s])" % (
                    self.aws_request_id, self.log_group_name, self.log_stream_name, self.function_name,
                    self.memory_limit_in_mb, self.function_version, self.invoked_function_arn))


# --- logging: `[LEVEL]\t<ts>\t<request id>\t<message>`, set up only if the handler imports it ---

current_request_id = ""


def _timestamp(seconds):
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds)) + ".%03dZ" % (int(seconds * 1000) % 1000)


def _configure_logging(logging):
    class LambdaHandler(logging.Handler):
        def emit(self, record):
            try:
                message = self.format(record).replace("\n", "\r")
                sys.stdout.write("[%s]\t%s\t%s\t%s\n" % (record.levelname, _timestamp(record.created),
                                                        current_request_id, message))
            except Exception:
                self.handleError(record)

    root = logging.getLogger()
    root.addHandler(LambdaHandler())
    level = os.environ.get("AWS_LAMBDA_LOG_LEVEL")
    if level:
        root.setLevel(level.upper())


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


# --- errors in AWS's shapes --------------------------------------------------------------------

class FaultError(Exception):
    def __init__(self, error_type, message):
        super().__init__(message)
        self.error_type = error_type
        self.message = message


def _stack(tb):
    import traceback
    frames = [frame for frame in traceback.extract_tb(tb) if frame.filename != __file__]
    # Show the paths Lambda shows: the function's code lives in /var/task there.
    task_root = os.environ.get("LAMBDA_TASK_ROOT", "")
    if task_root:
        for frame in frames:
            if frame.filename.startswith(task_root + os.sep):
                frame.filename = "/var/task" + frame.filename[len(task_root):]
    return traceback.format_list(frames)


def _error_payload(error_type, message, stack, request_id):
    return json.dumps({"errorMessage": message, "errorType": error_type, "requestId": request_id,
                       "stackTrace": stack}).encode()


def _log_error(error_type, message, stack):
    lines = ["[ERROR] %s: %s" % (error_type, message)]
    if stack:
        lines.append("Traceback (most recent call last):")
        lines.extend(entry.rstrip("\n").replace("\n", "\r") for entry in stack)
    sys.stdout.write("\r".join(lines) + "\n")


def _log_init_warning():
    sys.stdout.write("[WARNING]\t%s\t\tLAMBDA_WARNING: Unhandled exception. The most likely cause is an "
                     "issue in the function code. However, in rare cases, a Lambda runtime update can cause "
                     "unexpected function behavior.\n" % _timestamp(time.time()))


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
        raise FaultError("Runtime.UserCodeSyntaxError",
                         "Syntax error in module '%s': %s" % (module_path, error))
    try:
        return getattr(module, function_name)
    except AttributeError:
        raise FaultError("Runtime.HandlerNotFound",
                         "Handler '%s' missing on module '%s'" % (function_name, module_path))


def main():
    global current_request_id
    client = RuntimeClient(os.environ["AWS_LAMBDA_RUNTIME_API"])
    task_root = os.environ.get("LAMBDA_TASK_ROOT", os.getcwd())
    sys.path.insert(0, task_root)
    sys.meta_path.insert(0, _LoggingHook())

    try:
        handler = load_handler(os.environ.get("_HANDLER", ""))
    except FaultError as fault:
        # Like awslambdaric: init faults carry an empty stackTrace.
        _log_init_warning()
        _log_error(fault.error_type, fault.message, [])
        client.post("/init/error", _error_payload(fault.error_type, fault.message, [], ""), fault.error_type)
        sys.exit(1)
    except Exception as error:
        message = str(error)
        error_type = "Runtime.Unknown"
        stack = _stack(error.__traceback__)
        _log_init_warning()
        _log_error(type(error).__name__, message, stack)
        client.post("/init/error", _error_payload(type(error).__name__, message, stack, ""), error_type)
        sys.exit(1)

    while True:
        status, headers, body = client.next()
        if status != 200:
            sys.exit(1)
        request_id = headers.get("lambda-runtime-aws-request-id", "")
        current_request_id = request_id
        trace_id = headers.get("lambda-runtime-trace-id")
        if trace_id:
            os.environ["_X_AMZN_TRACE_ID"] = trace_id
        else:
            os.environ.pop("_X_AMZN_TRACE_ID", None)
        context = LambdaContext(request_id, int(headers.get("lambda-runtime-deadline-ms", "0")),
                                headers.get("lambda-runtime-invoked-function-arn"),
                                headers.get("lambda-runtime-cognito-identity"),
                                headers.get("lambda-runtime-client-context"))
        path = "/invocation/%s" % request_id
        try:
            try:
                event = json.loads(body) if body else {}
            except ValueError as error:
                raise FaultError("Runtime.UnmarshalError", "Unable to unmarshal input: %s" % error)
            result = handler(event, context)
            try:
                payload = json.dumps(result).encode()
            except (TypeError, ValueError) as error:
                raise FaultError("Runtime.MarshalError", "Unable to marshal response: %s" % error)
        except FaultError as fault:
            _log_error(fault.error_type, fault.message, [])
            client.post(path + "/error", _error_payload(fault.error_type, fault.message, [], request_id),
                        fault.error_type)
            continue
        except Exception as error:
            error_type = type(error).__name__
            message = str(error)
            stack = _stack(error.__traceback__)
            _log_error(error_type, message, stack)
            client.post(path + "/error", _error_payload(error_type, message, stack, request_id))
            continue
        client.post(path + "/response", payload)


if __name__ == "__main__":
    main()
