// lambda-tutor's Node.js bootstrap: a small runtime interface client that speaks the public
// Lambda Runtime API (http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime/...).
//
// Built-in modules only (Node >= 18), and only `net`, `path`, `url` and `util`, so its start-up
// stays close to `node -e 0`. It mirrors AWS's Node.js runtime: handler strings
// (`index.handler`), async and callback handlers, the context object, `{errorType,
// errorMessage, trace}` error JSON, init error types, and `<ts>\t<request id>\tINFO\t<msg>` logs.
'use strict';

const net = require('net');
const path = require('path');
const util = require('util');

const API = '/2018-06-01/runtime';

/** A keep-alive HTTP/1.1 client for the Runtime API: one connection, one request at a time. */
class RuntimeClient {
  constructor(address) {
    const index = address.lastIndexOf(':');
    this.host = address.slice(0, index) || '127.0.0.1';
    this.port = Number(address.slice(index + 1));
    this.socket = null;
    this.buffer = Buffer.alloc(0);
    this.waiting = null;
  }

  connect() {
    this.socket = net.createConnection({ host: this.host, port: this.port });
    this.socket.setNoDelay(true);
    this.socket.on('data', (chunk) => {
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
      this.parse();
    });
    const fail = () => {
      this.socket = null;
      if (this.waiting) {
        const { reject } = this.waiting;
        this.waiting = null;
        reject(new Error('Runtime API closed the connection'));
      }
    };
    this.socket.on('close', fail);
    this.socket.on('error', fail);
  }

  parse() {
    if (!this.waiting) return;
    const end = this.buffer.indexOf('\r\n\r\n');
    if (end < 0) return;
    const lines = this.buffer.subarray(0, end).toString('latin1').split('\r\n');
    const status = Number(lines[0].split(' ')[1]);
    const headers = {};
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const length = Number(headers['content-length'] || 0);
    if (this.buffer.length < end + 4 + length) return;
    const body = this.buffer.subarray(end + 4, end + 4 + length);
    this.buffer = this.buffer.subarray(end + 4 + length);
    const { resolve } = this.waiting;
    this.waiting = null;
    resolve({ status, headers, body });
  }

  request(method, urlPath, body = Buffer.alloc(0), headers = {}) {
    if (!this.socket) this.connect();
    let head = `${method} ${urlPath} HTTP/1.1\r\nHost: ${this.host}:${this.port}\r\nContent-Length: ${body.length}\r\n`;
    for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(Buffer.concat([Buffer.from(head + '\r\n', 'latin1'), body]));
    });
  }

  next() {
    return this.request('GET', `${API}/invocation/next`);
  }

  post(urlPath, payload, errorType) {
    const headers = { 'Content-Type': 'application/json' };
    if (errorType) headers['Lambda-Runtime-Function-Error-Type'] = errorType;
    return this.request('POST', `${API}${urlPath}`, Buffer.from(payload), headers);
  }
}

// --- logging: console.* become `<ts>\t<request id>\t<LEVEL>\t<message>` -------------------------

let currentRequestId;

function writeLog(level, args) {
  const message = util.format(...args).replace(/\n/g, '\r');
  process.stdout.write(`${new Date().toISOString()}\t${currentRequestId}\t${level}\t${message}\n`);
}

console.log = (...args) => writeLog('INFO', args);
console.info = (...args) => writeLog('INFO', args);
console.warn = (...args) => writeLog('WARN', args);
console.error = (...args) => writeLog('ERROR', args);
console.debug = (...args) => writeLog('DEBUG', args);
console.trace = (...args) => writeLog('TRACE', args);

// --- errors in AWS's shapes --------------------------------------------------------------------

class FaultError extends Error {
  constructor(errorType, message, cause) {
    super(message);
    this.name = errorType;
    this.errorType = errorType;
    if (cause && cause.stack) this.stack = `${errorType}: ${message}\n${cause.stack.split('\n').slice(1).join('\n')}`;
  }
}

// Show the paths Lambda shows: code in /var/task, the runtime in /var/runtime.
function lambdaPaths(line) {
  const taskRoot = process.env.LAMBDA_TASK_ROOT;
  let out = line;
  if (taskRoot) out = out.split(`file://${taskRoot}/`).join('file:///var/task/').split(`${taskRoot}/`).join('/var/task/');
  return out.split(`${__dirname}/bootstrap.js`).join('/var/runtime/index.mjs');
}

function errorPayload(error) {
  if (error instanceof Error) {
    return {
      errorType: error.errorType || error.name || 'Error',
      errorMessage: error.message,
      trace: String(error.stack || '').split('\n').map(lambdaPaths),
    };
  }
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
}

function logError(label, error) {
  const payload = errorPayload(error);
  const logged = { errorType: payload.errorType, errorMessage: payload.errorMessage, stack: payload.trace };
  writeLog('ERROR', [`${label} \t${JSON.stringify(logged)}`]);
  return payload;
}

// --- handler loading ---------------------------------------------------------------------------

async function loadHandler(taskRoot, handlerString) {
  const match = /^([^.]*?)\.(.+)$/.exec(path.basename(handlerString));
  if (!match) throw new FaultError('Runtime.MalformedHandlerName', 'Bad handler');
  const moduleRoot = path.join(taskRoot, path.dirname(handlerString), match[1]);
  const [, moduleName, handlerPath] = match;
  let module;
  const fs = require('fs');
  const candidates = ['.js', '.mjs', '.cjs'].map((ext) => moduleRoot + ext);
  const file = candidates.find((candidate) => fs.existsSync(candidate));
  try {
    if (!file) {
      const error = new Error(`Cannot find module '${moduleName}'`);
      error.code = 'MODULE_NOT_FOUND';
      throw error;
    }
    if (file.endsWith('.mjs')) {
      module = await import(require('url').pathToFileURL(file).href);
    } else {
      try {
        module = require(file);
      } catch (error) {
        if (error.code !== 'ERR_REQUIRE_ESM') throw error;
        module = await import(require('url').pathToFileURL(file).href);
      }
    }
  } catch (error) {
    if (error instanceof SyntaxError) {
      throw new FaultError('Runtime.UserCodeSyntaxError', `${error.name}: ${error.message}`, error);
    }
    if (error.code === 'MODULE_NOT_FOUND' || error.code === 'ERR_MODULE_NOT_FOUND') {
      throw new FaultError('Runtime.ImportModuleError', `Error: ${error.message}`, error);
    }
    throw error;
  }
  let handler = module;
  for (const part of handlerPath.split('.')) {
    handler = handler == null ? undefined : handler[part];
  }
  if (handler === undefined) {
    throw new FaultError('Runtime.HandlerNotFound', `${moduleName}.${handlerPath} is undefined or not exported`);
  }
  if (typeof handler !== 'function') {
    throw new FaultError('Runtime.HandlerNotFound', `${moduleName}.${handlerPath} is not a function`);
  }
  return handler;
}

function makeContext(headers, finish) {
  const env = process.env;
  const deadline = Number(headers['lambda-runtime-deadline-ms'] || 0);
  const parse = (value) => (value ? JSON.parse(value) : undefined);
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: headers['lambda-runtime-invoked-function-arn'],
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: headers['lambda-runtime-aws-request-id'],
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
    identity: parse(headers['lambda-runtime-cognito-identity']),
    clientContext: parse(headers['lambda-runtime-client-context']),
    getRemainingTimeInMillis: () => Math.max(deadline - Date.now(), 0),
    done: (error, result) => finish(error, result),
    succeed: (result) => finish(null, result),
    fail: (error) => finish(error || 'handled'),
  };
}

/** Runs one invocation; resolves with [error, result] whichever way the handler finishes. */
function runHandler(handler, event, headers) {
  return new Promise((resolve) => {
    let finished = false;
    const finish = (error, result) => {
      if (finished) return;
      finished = true;
      resolve([error, result]);
    };
    const context = makeContext(headers, finish);
    try {
      const callback = (error, result) => finish(error, result);
      const returned = handler.length >= 3 ? handler(event, context, callback) : handler(event, context);
      if (returned && typeof returned.then === 'function') {
        returned.then((result) => finish(null, result), (error) => finish(error || new Error('Promise rejected')));
      } else if (handler.length < 3) {
        finish(null, returned);
      }
    } catch (error) {
      finish(error);
    }
  });
}

async function main() {
  const client = new RuntimeClient(process.env.AWS_LAMBDA_RUNTIME_API);
  const taskRoot = process.env.LAMBDA_TASK_ROOT || process.cwd();
  let handler;
  try {
    handler = await loadHandler(taskRoot, process.env._HANDLER || '');
  } catch (error) {
    const payload = logError('Uncaught Exception', error);
    await client.post('/init/error', JSON.stringify(payload), payload.errorType);
    process.exit(1);
  }

  process.on('uncaughtException', async (error) => {
    const payload = logError('Uncaught Exception', error);
    if (currentRequestId) {
      await client.post(`/invocation/${currentRequestId}/error`, JSON.stringify(payload), payload.errorType);
    }
    process.exit(129);
  });

  for (;;) {
    const { status, headers, body } = await client.next();
    if (status !== 200) process.exit(1);
    const requestId = headers['lambda-runtime-aws-request-id'];
    currentRequestId = requestId;
    if (headers['lambda-runtime-trace-id']) process.env._X_AMZN_TRACE_ID = headers['lambda-runtime-trace-id'];
    else delete process.env._X_AMZN_TRACE_ID;
    let event;
    try {
      event = body.length ? JSON.parse(body.toString('utf8')) : {};
    } catch (error) {
      const payload = logError('Invoke Error', new FaultError('Runtime.UnmarshalError', `Unable to parse input as JSON: ${error.message}`));
      await client.post(`/invocation/${requestId}/error`, JSON.stringify(payload), payload.errorType);
      continue;
    }
    const [error, result] = await runHandler(handler, event, headers);
    if (error) {
      const payload = logError('Invoke Error', error);
      await client.post(`/invocation/${requestId}/error`, JSON.stringify(payload), payload.errorType);
      continue;
    }
    let serialized;
    try {
      serialized = JSON.stringify(result === undefined ? null : result);
    } catch (marshalError) {
      const payload = logError('Invoke Error', new FaultError('Runtime.MarshalError', `Unable to stringify response body: ${marshalError.message}`));
      await client.post(`/invocation/${requestId}/error`, JSON.stringify(payload), payload.errorType);
      continue;
    }
    await client.post(`/invocation/${requestId}/response`, serialized);
  }
}

main();
