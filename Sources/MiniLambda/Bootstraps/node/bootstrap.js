// lambda-tutor's Node.js bootstrap: a small runtime interface client that speaks the public
// Lambda Runtime API (http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime/...).
//
// Built-in modules only (Node >= 18), and only `net`, `path` and `util` at start-up, so it
// starts about as fast as `node -e 0`. It behaves as AWS's Node.js runtime does (checked
// against aws-lambda-nodejs-runtime-interface-client): handler strings (`index.handler`), the
// `awslambda` global, async and callback handlers and when each one's invocation ends (a
// callback waits for an empty event loop unless `callbackWaitsForEmptyEventLoop` is false; a
// plain return value is ignored; a promise that never settles is `Runtime.NodeJsExit`),
// unhandled rejections (`Runtime.UnhandledPromiseRejection`, then the runtime exits), the
// nodejs22.x warning and nodejs24.x refusal of callback handlers, `{errorType, errorMessage,
// trace}` error JSON, and text or JSON log lines filtered by AWS_LAMBDA_LOG_LEVEL.
'use strict';

const net = require('net');
const path = require('path');
const util = require('util');

const API = '/2018-06-01/runtime';
const RUNTIME = (process.env.AWS_EXECUTION_ENV || '').replace(/^AWS_Lambda_/, '');
const NODE_MAJOR = Number((/^nodejs(\d+)/.exec(RUNTIME) || [])[1] || process.versions.node.split('.')[0]);
/** nodejs24.x and later: no callback handlers, no context.done/succeed/fail. */
const CALLBACKS_REMOVED = NODE_MAJOR >= 24;

/**
 * A keep-alive HTTP/1.1 client for the Runtime API: one connection, requests one after the
 * other. The socket is unreferenced whenever no request is outstanding, so that while a
 * handler runs, an empty event loop is Node's `beforeExit`, as it is for AWS's client.
 */
class RuntimeClient {
  constructor(address) {
    const index = address.lastIndexOf(':');
    this.host = address.slice(0, index) || '127.0.0.1';
    this.port = Number(address.slice(index + 1));
    this.socket = null;
    this.buffer = Buffer.alloc(0);
    this.waiting = null;
    this.chain = Promise.resolve();
    this.pendingPath = null;
    this.halted = false;
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
    this.pendingPath = null;
    if (this.socket) this.socket.unref();
    resolve({ status, headers, body });
  }

  send(method, urlPath, body, headers) {
    if (!this.socket) this.connect();
    this.socket.ref();
    this.pendingPath = urlPath;
    let head = `${method} ${urlPath} HTTP/1.1\r\nHost: ${this.host}:${this.port}\r\nContent-Length: ${body.length}\r\n`;
    for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(Buffer.concat([Buffer.from(head + '\r\n', 'latin1'), body]));
    });
  }

  /**
   * Queues a request behind the one in flight (one connection carries one at a time). Once the
   * runtime is going down (`halt`), only the last request asked for is still sent: never a
   * `/next` that would take an event the exiting runtime could not handle.
   */
  request(method, urlPath, body = Buffer.alloc(0), headers = {}, last = false) {
    const result = this.chain.then(() => (this.halted && !last ? new Promise(() => {}) : this.send(method, urlPath, body, headers)));
    this.chain = result.catch(() => {});
    return result;
  }

  /** True while the only request out is a parked `/next`, which nothing else may queue behind. */
  get waitingForNext() {
    return this.pendingPath === `${API}/invocation/next`;
  }

  next() {
    return this.request('GET', `${API}/invocation/next`);
  }

  post(urlPath, payload, errorType, contentType = 'application/json', last = false) {
    const headers = { 'Content-Type': contentType };
    if (errorType) headers['Lambda-Runtime-Function-Error-Type'] = errorType;
    return this.request('POST', `${API}${urlPath}`, Buffer.isBuffer(payload) ? payload : Buffer.from(payload), headers, last);
  }

  /** The runtime is exiting: what is already queued goes out, then nothing more. */
  halt() {
    this.halted = true;
  }
}

// --- logging: console.* as AWS's runtime writes them, filtered by AWS_LAMBDA_LOG_LEVEL --------

let currentRequestId;
let currentTenantId;
const JSON_LOGS = (process.env.AWS_LAMBDA_LOG_FORMAT || '').toUpperCase() === 'JSON';
const LEVELS = { TRACE: 1, DEBUG: 2, INFO: 3, WARN: 4, ERROR: 5, FATAL: 6 };
const MIN_LEVEL = LEVELS[(process.env.AWS_LAMBDA_LOG_LEVEL || '').toUpperCase()] || LEVELS.TRACE;

/** An Error as JSON logs show it: its own fields plus errorType, errorMessage and stackTrace. */
function jsonErrorReplacer(_key, value) {
  if (value instanceof Error) {
    const stack = typeof value.stack === 'string' ? value.stack.split('\n').map(lambdaPaths) : value.stack;
    return Object.assign({ errorType: value.constructor ? value.constructor.name : 'UnknownError',
      errorMessage: value.message, stackTrace: stack }, value);
  }
  return value;
}

function jsonLine(level, args) {
  const entry = { timestamp: new Date().toISOString(), level, requestId: currentRequestId };
  if (currentTenantId != null) entry.tenantId = currentTenantId;
  if (args.length === 1) {
    entry.message = args[0];
    try {
      return JSON.stringify(entry, jsonErrorReplacer);
    } catch (_) {
      entry.message = util.format(entry.message);
      return JSON.stringify(entry);
    }
  }
  entry.message = util.format(...args);
  const error = args.find((arg) => arg instanceof Error);
  if (error) {
    entry.errorType = error.constructor ? error.constructor.name : 'UnknownError';
    entry.errorMessage = error.message;
    entry.stackTrace = typeof error.stack === 'string' ? error.stack.split('\n').map(lambdaPaths) : [];
  }
  return JSON.stringify(entry);
}

function writeLog(level, args) {
  if (LEVELS[level] < MIN_LEVEL) return;
  const line = JSON_LOGS ? jsonLine(level, args) : `${new Date().toISOString()}\t${currentRequestId}\t${level}\t${util.format(...args)}`;
  process.stdout.write(line.replace(/\n/g, '\r') + '\n');
}

console.log = (...args) => writeLog('INFO', args);
console.info = (...args) => writeLog('INFO', args);
console.warn = (...args) => writeLog('WARN', args);
console.error = (...args) => writeLog('ERROR', args);
console.debug = (...args) => writeLog('DEBUG', args);
console.trace = (...args) => writeLog('TRACE', args);
console.fatal = (...args) => writeLog('FATAL', args);

// --- errors in AWS's shapes --------------------------------------------------------------------

/** A runtime error (`Runtime.ImportModuleError` …): its name is the error type. */
class RuntimeFault extends Error {
  constructor(errorType, message, cause) {
    super(message);
    Object.defineProperty(this, 'name', { value: errorType, enumerable: false, writable: true });
    if (cause && cause.stack) this.stack = `${errorType}: ${message}\n${cause.stack.split('\n').slice(1).join('\n')}`;
  }
}

class UnhandledPromiseRejection extends RuntimeFault {
  constructor(reason, promise) {
    super('Runtime.UnhandledPromiseRejection', String(reason));
    this.reason = reason;
    this.promise = promise;
  }
}

class NodeJsExit extends RuntimeFault {
  constructor() {
    super('Runtime.NodeJsExit', 'The Lambda runtime client detected an unexpected Node.js exit code. This is most commonly caused by a Promise that was never settled. For more information, see https://nodejs.org/docs/latest/api/process.html#exit-codes');
  }
}

// Show the paths Lambda shows: code in /var/task, the runtime in /var/runtime.
function lambdaPaths(line) {
  const taskRoot = process.env.LAMBDA_TASK_ROOT;
  let out = line;
  if (taskRoot && taskRoot !== '/var/task') {
    out = out.split(`file://${taskRoot}/`).join('file:///var/task/').split(`${taskRoot}/`).join('/var/task/');
  }
  return out.split(`${__dirname}/bootstrap.js`).join('/var/runtime/index.mjs');
}

function isErrorLike(value) {
  return value && typeof value.name === 'string' && typeof value.message === 'string' && typeof value.stack === 'string';
}

/** The body posted to /error: what the caller gets as the payload. */
function errorPayload(error) {
  if (util.types.isNativeError(error) || isErrorLike(error)) {
    return { errorType: error.name, errorMessage: error.message, trace: String(error.stack).split('\n').map(lambdaPaths) };
  }
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
}

/** Logs an error as AWS's runtime does (`Invoke Error \t{...}` in text, the error itself in JSON). */
function logError(label, error) {
  const err = error instanceof Error ? error : new Error(error);
  if (JSON_LOGS) {
    console.error(err);
    return;
  }
  let formatted;
  try {
    formatted = JSON.stringify(err, (_key, value) => {
      if (!(value instanceof Error)) return value;
      const out = Object.assign({ errorType: value.name, errorMessage: value.message, code: value.code }, value);
      if (typeof value.stack === 'string') out.stack = value.stack.split('\n').map(lambdaPaths);
      return out;
    });
  } catch (_) {
    const payload = errorPayload(err);
    formatted = JSON.stringify({ errorType: payload.errorType, errorMessage: payload.errorMessage, stack: payload.trace });
  }
  console.error(label, `\t${formatted}`);
}

// --- handler loading ---------------------------------------------------------------------------

const STREAMING = Symbol.for('aws.lambda.runtime.handler.streaming');

/** `globalThis.awslambda`, as AWS's runtime provides it before loading the function's code. */
function installAwsLambdaGlobal() {
  const flag = process.env.AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA;
  if (flag === '1' || flag === 'true') return;
  globalThis.awslambda = {
    streamifyResponse(handler, options) {
      handler[STREAMING] = 'response';
      if (options && typeof options.highWaterMark === 'number') handler[Symbol.for('aws.lambda.runtime.handler.streaming.highWaterMark')] = options.highWaterMark;
      return handler;
    },
    HttpResponseStream: {
      from(stream, metadata) {
        stream.setContentType('application/vnd.awslambda.http-integration-response');
        stream.httpMetadata = metadata;
        return stream;
      },
    },
  };
}

async function loadHandler(taskRoot, handlerString) {
  if (handlerString.includes('..')) {
    throw new RuntimeFault('Runtime.MalformedHandlerName', `'${handlerString}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`);
  }
  const match = /^([^.]*)\.(.*)$/.exec(path.basename(handlerString));
  if (!match) throw new RuntimeFault('Runtime.MalformedHandlerName', 'Bad handler');
  const moduleRoot = path.join(taskRoot, path.dirname(handlerString), match[1]);
  const [, moduleName, handlerPath] = match;
  installAwsLambdaGlobal();
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
      throw new RuntimeFault('Runtime.UserCodeSyntaxError', `${error.name}: ${error.message}`, error);
    }
    if (error.code === 'MODULE_NOT_FOUND' || error.code === 'ERR_MODULE_NOT_FOUND') {
      throw new RuntimeFault('Runtime.ImportModuleError', `Error: ${error.message}`, error);
    }
    throw error;
  }
  let handler = module;
  for (const part of handlerPath.split('.')) {
    handler = handler == null ? undefined : handler[part];
  }
  if (!handler) {
    throw new RuntimeFault('Runtime.HandlerNotFound', `${handlerString} is undefined or not exported`);
  }
  if (typeof handler !== 'function') {
    throw new RuntimeFault('Runtime.HandlerNotFound', `${handlerString} is not a function`);
  }
  return handler;
}

/** What decides how an invocation ends: async or not, how many parameters, streaming. */
function handlerMetadata(handler) {
  let isAsync = false;
  try {
    isAsync = handler.constructor && handler.constructor.name === 'AsyncFunction';
  } catch (_) {
    isAsync = false;
  }
  return { isAsync, argsNum: handler.length, streaming: handler[STREAMING] === 'response' };
}

/** nodejs22.x warns about callback handlers at INIT; nodejs24.x refuses them. */
function checkCallbackHandler(metadata) {
  const callbackStyle = !metadata.isAsync && !metadata.streaming;
  if (CALLBACKS_REMOVED) {
    if (callbackStyle && metadata.argsNum >= 3) {
      throw new RuntimeFault('Runtime.CallbackHandlerDeprecated', 'ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. You need to modify this function to use a supported handler signature to use Node.js 24 or later. For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.');
    }
  } else if (callbackStyle && metadata.argsNum === 3 && process.env.AWS_LAMBDA_NODEJS_DISABLE_CALLBACK_WARNING === undefined) {
    console.warn('AWS Lambda plans to remove support for callback-based function handlers starting with Node.js 24. You will need to update this function to use an async handler to use Node.js 24 or later. For more information and to provide feedback on this change, see https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/issues/137. To disable this warning, set the AWS_LAMBDA_NODEJS_DISABLE_CALLBACK_WARNING environment variable.');
  }
}

// --- one invocation ----------------------------------------------------------------------------

/** What runs when the event loop empties while an invocation is open (Node's `beforeExit`). */
let onEmptyEventLoop = () => {};
process.on('beforeExit', () => onEmptyEventLoop());

function isPromise(value) {
  return value && typeof value.then === 'function';
}

/** `JSON.stringify` as AWS's client does it: an unserialisable result is this one error. */
function serialize(result) {
  try {
    return JSON.stringify(result === undefined ? null : result);
  } catch (_) {
    throw new Error('Unable to stringify response body');
  }
}

function makeContext(headers, completion) {
  const env = process.env;
  const deadline = Number(headers['lambda-runtime-deadline-ms'] || 0);
  const parse = (value, name) => {
    if (value === undefined) return undefined;
    try {
      return JSON.parse(value);
    } catch (error) {
      throw new Error(`Cannot parse ${name} as json: ${error.toString()}`);
    }
  };
  const context = {
    get callbackWaitsForEmptyEventLoop() { return completion.waitForEmptyEventLoop; },
    set callbackWaitsForEmptyEventLoop(value) { completion.waitForEmptyEventLoop = value; },
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
    clientContext: parse(headers['lambda-runtime-client-context'], 'ClientContext'),
    identity: parse(headers['lambda-runtime-cognito-identity'], 'CognitoIdentity'),
    invokedFunctionArn: headers['lambda-runtime-invoked-function-arn'],
    awsRequestId: headers['lambda-runtime-aws-request-id'],
    tenantId: headers['lambda-runtime-aws-tenant-id'],
    getRemainingTimeInMillis: () => deadline - Date.now(),
  };
  if (!CALLBACKS_REMOVED) {
    context.done = (error, result) => completion.done(error, result);
    context.succeed = (result) => completion.done(null, result);
    context.fail = (error) => completion.done(error === undefined || error === null ? 'handled' : error, null);
  }
  return context;
}

/** A response stream for `awslambda.streamifyResponse` handlers: the tutor's Invoke collects it. */
function collectingStream() {
  const { Writable } = require('stream');
  const chunks = [];
  const stream = new Writable({
    write(chunk, encoding, callback) {
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, encoding));
      callback();
    },
  });
  stream.contentType = 'application/octet-stream';
  stream.setContentType = (type) => { stream.contentType = type; };
  stream.body = () => Buffer.concat(chunks);
  return stream;
}

/**
 * Runs one invocation and resolves with how it ended: `{ error }` or `{ result }` (a value to
 * serialise) or `{ raw, contentType }` (bytes). The rules are AWS's client's: a promise's
 * settlement ends it at once; a callback ends it when the event loop is empty (or at once with
 * `callbackWaitsForEmptyEventLoop = false`); `context.done/succeed/fail` end it at once; a
 * non-async handler that does none of these ends with `null` when the event loop empties; an
 * async one whose promise never settles ends with `Runtime.NodeJsExit`.
 */
function runHandler(handler, metadata, event, headers) {
  return new Promise((resolve) => {
    let finished = false;
    const end = (outcome) => {
      if (finished) return;
      finished = true;
      onEmptyEventLoop = () => {};
      resolve(outcome);
    };
    const completion = {
      waitForEmptyEventLoop: true,
      done: (error, result) => {
        if (error !== undefined && error !== null) end({ error });
        else end({ result });
      },
    };
    const callback = (error, result) => {
      if (finished) return;
      if (error !== undefined && error !== null) {
        end({ error });
      } else if (!completion.waitForEmptyEventLoop) {
        end({ result });
      } else {
        onEmptyEventLoop = () => setImmediate(() => end({ result }));
      }
    };
    onEmptyEventLoop = metadata.isAsync ? () => end({ error: new NodeJsExit(), exit: true }) : () => end({ result: null });
    try {
      const context = makeContext(headers, completion);
      if (metadata.streaming) {
        const stream = collectingStream();
        onEmptyEventLoop = () => end({ raw: stream.body(), contentType: stream.contentType });
        const returned = handler(event, stream, context);
        if (!isPromise(returned)) {
          end({ error: new RuntimeFault('Runtime.InvalidStreamingOperation', 'Streaming does not support non-async handlers.') });
          return;
        }
        returned.then(() => {
          if (stream.writableFinished) end({ raw: stream.body(), contentType: stream.contentType });
          else stream.once('finish', () => end({ raw: stream.body(), contentType: stream.contentType }));
        }, (error) => end({ error }));
        return;
      }
      const returned = handler(event, context, callback);
      if (isPromise(returned)) {
        returned.then((result) => completion.done(null, result), (error) => completion.done(error === undefined || error === null ? 'handled' : error));
      }
    } catch (error) {
      callback(error);
    }
  });
}

async function main() {
  const client = new RuntimeClient(process.env.AWS_LAMBDA_RUNTIME_API);
  const taskRoot = process.env.LAMBDA_TASK_ROOT || process.cwd();
  // Before the first invocation a crash is an init error; afterwards it is the current
  // invocation's (or, between invocations, nobody's), and the runtime exits.
  let invocationId = null;
  const crash = (label, error, status) => {
    logError(label, error);
    const payload = JSON.stringify(errorPayload(error));
    let posted;
    const waitingForNext = client.waitingForNext;
    client.halt();
    if (invocationId === null) posted = client.post('/init/error', payload, error.name, undefined, true);
    else if (!waitingForNext) posted = client.post(`/invocation/${invocationId}/error`, payload, error.name, undefined, true);
    Promise.resolve(posted).catch(() => {}).finally(() => process.exit(status));
  };
  process.on('uncaughtException', (error) => crash('Uncaught Exception', error, 129));
  process.on('unhandledRejection', (reason, promise) => crash('Unhandled Promise Rejection', new UnhandledPromiseRejection(reason, promise), 128));

  let handler;
  let metadata;
  try {
    handler = await loadHandler(taskRoot, process.env._HANDLER || '');
    metadata = handlerMetadata(handler);
    checkCallbackHandler(metadata);
  } catch (error) {
    logError(CALLBACKS_REMOVED ? 'Init Error' : 'Uncaught Exception', error);
    const payload = errorPayload(error);
    await client.post('/init/error', JSON.stringify(payload), payload.errorType).catch(() => {});
    process.exit(129);
  }
  if (metadata.streaming) {
    console.log('[lambda-tutor] This handler streams its response (awslambda.streamifyResponse). On AWS a stream reaches the caller as it is written only through InvokeWithResponseStream or a function URL in RESPONSE_STREAM mode; Invoke, like this tutor, returns the whole response once the stream ends.');
  }

  for (;;) {
    const { status, headers, body } = await client.next();
    if (status !== 200) process.exit(1);
    const requestId = headers['lambda-runtime-aws-request-id'];
    invocationId = requestId;
    currentRequestId = requestId;
    currentTenantId = headers['lambda-runtime-aws-tenant-id'];
    if (headers['lambda-runtime-trace-id']) process.env._X_AMZN_TRACE_ID = headers['lambda-runtime-trace-id'];
    else delete process.env._X_AMZN_TRACE_ID;
    const errorPath = `/invocation/${requestId}/error`;
    let event;
    try {
      event = JSON.parse(body.toString('utf8'));
    } catch (error) {
      const fault = new RuntimeFault('Runtime.UnmarshalError', `Unable to parse input as JSON: ${error.message}`);
      logError('Invoke Error', fault);
      await client.post(errorPath, JSON.stringify(errorPayload(fault)), fault.name);
      continue;
    }
    const outcome = await runHandler(handler, metadata, event, headers);
    if (outcome.raw) {
      await client.post(`/invocation/${requestId}/response`, outcome.raw, undefined, outcome.contentType);
      continue;
    }
    let serialized;
    let error = outcome.error;
    if (!error) {
      try {
        serialized = serialize(outcome.result);
      } catch (marshalError) {
        error = marshalError;
      }
    }
    if (error !== undefined) {
      logError('Invoke Error', error);
      const payload = errorPayload(error);
      await client.post(errorPath, JSON.stringify(payload), payload.errorType);
      continue;
    }
    await client.post(`/invocation/${requestId}/response`, serialized);
  }
}

main();
