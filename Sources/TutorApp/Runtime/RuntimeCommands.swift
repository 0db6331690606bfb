import Curriculum
import Foundation
import Synchronization
import LambdaModel
import LambdaEvents
import LambdaService
import LineEditor
import LocalEndpoint
import MiniLambda
import TerminalUI
import TutorSupport

extension Command {
    /// Writing functions, invoking them on the mini runtime, and reading their logs.
    static var runtimeCommands: [Command] {
        [fn, invoke, events, event, logs, envs, load]
    }

    static let fnSubcommands = ["new", "edit", "config", "show", "list", "rm", "publish", "provision", "url"]

    static let fn = Command(
        "fn", aliases: ["function"], group: .runtime,
        summary: "Create, edit, configure, show, list and remove your functions",
        usage: [
            "fn new NAME [--runtime python3.12|nodejs22.x] [--template hello|s3|api|sqs] [--from PATH] [--yes]",
            "fn edit NAME [FILE] [--inline]",
            "fn config NAME " + FunctionSetting.usage(.function),
            "fn config NAME " + FunctionSetting.usage(.async),
            "fn show NAME",
            "fn list",
            "fn rm NAME [--yes]",
            "fn publish NAME [--description TEXT]",
            "fn provision NAME:QUALIFIER N",
            "fn url NAME[:ALIAS] [--cors ORIGIN] [--rm]",
            "fn url [--list]",
        ],
        synopsis: "fn new|edit|config|show|list|rm|publish|provision|url …",
        discussion: """
        Functions live in your data folder and stay between sessions. `fn edit` opens $VISUAL or $EDITOR \
        (else nano or vi); with --inline, or when no terminal is attached, type the code at the prompt \
        and end it with a line holding a single `.`. `fn config` checks values the way AWS does: memory \
        \(Limits.memoryMB.lowerBound)–\(Limits.memoryMB.upperBound) MB, timeout \(Limits.timeoutSeconds.lowerBound)–\(Limits.timeoutSeconds.upperBound) s, \
        ephemeral storage (the size of /tmp) \(Limits.ephemeralMB.lowerBound)–\(Limits.ephemeralMB.upperBound) MB, \
        environment variables \(Facts.envVarsTotal.display) in total; `env.KEY=` removes a variable. \
        `network=` is the tutor's own setting, not Lambda's: `none` (the default) keeps the function's \
        environments off every network but their own loopback; `host` gives them this machine's network \
        (the internet too, as a function outside a VPC has on Lambda), at the cost of their isolation.         `reserved=N` reserves N of the account's concurrency for the function (PutFunctionConcurrency): it can         never run more than N at once, and 0 throttles every invocation; `reserved=none` gives it back. `layers=tools:1,deps:2` sets the function's layers in order (see 'help layer').                 `fn publish` freezes $LATEST's code and settings as version 1, 2, … (invoke NAME:1; `alias` names them);         `fn provision NAME:ALIAS N` starts N environments of a version or alias ahead (provisioned concurrency,         AWS_LAMBDA_INITIALIZATION_TYPE=provisioned-concurrency; 0 removes it). \
        `fn url NAME` gives $LATEST (or `NAME:ALIAS` an alias) a function URL with AuthType NONE \
        (CreateFunctionUrlConfig), or shows the one it has, with a curl line to paste; a request to it is the \
        payload 2.0 event and the handler's result the HTTP response. `--cors ORIGIN` allows that browser \
        origin (`*`: any); `--rm` deletes the URL; `fn url` alone lists every URL. See 'help route' for the \
        REST-style API (payload 1.0).
        """,
        examples: ["fn new hello", "fn new thumbs --runtime nodejs22.x --template s3", "fn config hello memory=512 timeout=10 env.TABLE=users",
                   "fn edit hello", "fn show hello", "fn config hello reserved=1", "fn publish hello", "fn provision hello:prod 2", "fn url hello"],
        options: [
            OptionSpec("runtime", value: "RUNTIME", help: FunctionRuntime.supportedList),
            OptionSpec("template", value: "NAME", help: "starter code: hello (default), s3, api, sqs"),
            OptionSpec("from", value: "PATH", help: "copy the code from a file or folder instead of a template"),
            OptionSpec("inline", help: "type the code at the prompt, ending with a line holding '.'"),
            OptionSpec("yes", help: "fn rm: remove without asking; fn new: replace an existing function without asking"),
            OptionSpec("description", value: "TEXT", help: "fn publish: the version's description"),
            OptionSpec("cors", value: "ORIGIN", help: "fn url: allow this origin (* for any) to call the URL from a browser"),
            OptionSpec("rm", help: "fn url: delete the function URL"),
            OptionSpec("list", help: "fn url: list every function URL"),
        ],
        complete: { request, session in fnCompletions(request, session) },
        run: { context in
            let arguments = context.arguments
            let sub = try arguments.required(0, "a subcommand: \(fnSubcommands.joined(separator: ", "))")
            let runtime = RuntimeService.of(context.session)
            switch sub {
            case "new": try await fnNew(context, runtime)
            case "edit": try await fnEdit(context, runtime)
            case "config": try await fnConfig(context, runtime)
            case "show": try fnShow(context, runtime)
            case "list", "ls": try fnList(context, runtime)
            case "rm", "delete": try await fnRemove(context, runtime)
            case "publish": try fnPublish(context, runtime)
            case "provision": try await fnProvision(context, runtime)
            case "url": try await fnURL(context, runtime)
            default:
                throw CommandError("fn has no subcommand '\(sub)'", hint: Suggestions.didYouMean(sub, in: fnSubcommands) ?? "see 'help fn'")
            }
        })

    static let invoke = Command(
        "invoke", group: .runtime,
        summary: "Invoke a function synchronously and see its response, logs and cost",
        usage: [
            "invoke NAME[:QUALIFIER] [--event SAMPLE | --event @FILE.json | --payload JSON] [--set PATH=VALUE …] [--log-type Tail] [--json]",
            "invoke NAME[:QUALIFIER] --concurrent N [--event SAMPLE]",
            "invoke NAME[:QUALIFIER] --async [--event SAMPLE | --payload JSON]",
            "invoke --handler FILE:FUNCTION [--code DIR] [--runtime RUNTIME] [--event SAMPLE] [--json]",
        ],
        synopsis: "invoke NAME [--event SAMPLE] …",
        discussion: """
        Runs the function on the mini Lambda: the first invoke starts an execution environment (a cold \
        start, with INIT), later ones reuse it while it is warm. The summary line shows Duration, Billed \
        Duration (INIT is billed on cold starts since \(Facts.initBilledSince.display)), memory and the cost of \
        this one invocation. `--set` changes one field of the event (`--set Records[0].s3.object.key=cat.jpg`); \
        the value is read as JSON when it parses as JSON (`--set count=3` is a number, `--set 'body={"a": 1}'` \
        an object), otherwise as text — to set a string that looks like JSON, quote it as a JSON string \
        (`--set 'Records[0].body="{\\"orderId\\": 1}"'`). \
        `--handler` runs a file directly without creating a function: its folder is deployed with it, as a \
        .zip of that folder would be (so it can import its sibling modules), or the folder `--code` names, \
        which must hold the file. NAME:1 invokes version 1, NAME:prod the alias prod. `--concurrent N` starts N         invocations at the same moment and sums up how many were cold, warm and throttled (429         TooManyRequestsException with its Reason), with their durations — with `account concurrency 5` or         `fn config NAME reserved=2` the throttles show at once.
        """,
        examples: ["invoke hello", "invoke thumbs --event s3-put --set Records[0].s3.object.key=cat.jpg", "invoke hello --payload '{\"name\": \"Ada\"}'",
                   "invoke hello --json", "invoke --handler app.py:lambda_handler --event sqs", "invoke hello:prod", "invoke hello --concurrent 20"],
        options: [
            OptionSpec("event", value: "SAMPLE|@FILE", help: "a sample event (see 'events') or @file.json"),
            OptionSpec("payload", value: "JSON", help: "the event as JSON text"),
            OptionSpec("set", value: "PATH=VALUE", help: "change one field of the event (repeatable)", repeatable: true),
            OptionSpec("log-type", value: "None|Tail", help: "Tail also returns the last 4 KB of the log, base64-encoded, as the Invoke API does"),
            OptionSpec("json", help: "print the whole result as JSON (for scripts)"),
            OptionSpec("handler", value: "FILE:FUNCTION", help: "run a handler file directly (one-shot)"),
            OptionSpec("runtime", value: "RUNTIME", help: "with --handler: the runtime (default from the file extension)"),
            OptionSpec("code", value: "DIR", help: "with --handler: the folder to deploy (default: the handler file's folder)"),
            OptionSpec("concurrent", value: "N", help: "start N invocations at once and sum up cold, warm and throttled"),
            OptionSpec("async", help: "invoke asynchronously (the Event type): 202 at once, retries, DLQ, destinations; see 'timeline'"),
        ],
        complete: { request, session in invokeCompletions(request, session) },
        run: { context in
            try await runInvoke(context)
        })

    static let events = Command(
        "events", group: .runtime,
        summary: "List the sample events",
        examples: ["events"],
        run: { context in
            try context.arguments.expectAtMost(0)
            let style = context.console.style
            var table = TextTable(columns: [.init("event"), .init("what it is"), .init("how Lambda is invoked")])
            for entry in SampleEvents.catalog { table.add([style.code(entry.name), entry.summary, entry.invocation]) }
            context.console.line(table.render(width: context.console.width, style: style))
            context.console.line(style.muted("'event show NAME' prints one; 'invoke FN --event NAME' sends it"))
        })

    static let event = Command(
        "event", group: .runtime,
        summary: "Print a sample event (optionally with fields changed)",
        usage: ["event show NAME [--set PATH=VALUE …]"],
        examples: ["event show s3-put", "event show sqs --set Records[0].body=hello"],
        options: [OptionSpec("set", value: "PATH=VALUE", help: "change one field (repeatable)", repeatable: true)],
        complete: { request, _ in
            request.precedingWords.count == 1 ? ["show"] : request.precedingWords.count == 2 ? SampleEvents.names : []
        },
        run: { context in
            try context.arguments.expectAtMost(2)
            let sub = try context.arguments.required(0, "'show' and an event name")
            guard sub == "show" else { throw CommandError("event has no subcommand '\(sub)'", hint: "event show NAME") }
            let name = try context.arguments.required(1, "an event name (see 'events')")
            let data = try SampleEvents.event(name, overrides: context.arguments.options("set"))
            context.console.line(InvocationView.prettyJSON(data))
        })

    static let logs = Command(
        "logs", group: .runtime,
        summary: "Show a function's log group, one stream per execution environment",
        usage: ["logs NAME [--tail N]"],
        examples: ["logs hello", "logs hello --tail 5"],
        options: [OptionSpec("tail", value: "N", help: "only the last N events of each stream")],
        complete: completeFunctionName,
        run: { context in
            try context.arguments.expectAtMost(1)
            let name = try context.arguments.required(0, "a function name")
            let runtime = RuntimeService.of(context.session)
            _ = try runtime.registry.configuration(name)
            let tail = try context.arguments.option("tail").map { try Arguments.integer($0, "--tail", in: 1...100_000) }
            let group = "/aws/lambda/\(name)"
            let streams = runtime.invoker.logs.streams(group: group, tail: tail)
            context.console.page(InvocationView.logs(group: group, streams: streams, style: context.console.style))
        })

    static let envs = Command(
        "envs", group: .runtime,
        summary: "List execution environments: state, age, invocations, peak memory",
        usage: ["envs [NAME] [--keep-warm TIME] [--stop]"],
        discussion: "Idle environments stay warm for the keep-warm period (10 min unless you change it), then are shut down; the next invoke is a cold start again. The tutor runs at most 10 at once: a cold start beyond that shuts down the least recently used idle one, and only when all are busy is the invoke refused (429). --stop shuts a function's environments down (all of them without NAME): idle ones now, busy ones when their invocation ends.",
        examples: ["envs", "envs hello", "envs --keep-warm 30s", "envs hello --stop"],
        options: [
            OptionSpec("keep-warm", value: "TIME", help: "how long idle environments stay warm (e.g. 30s, 5min)"),
            OptionSpec("stop", help: "shut down the environments (idle now, busy ones after their invocation)"),
        ],
        complete: completeFunctionName,
        run: { context in
            try context.arguments.expectAtMost(1)
            let runtime = RuntimeService.of(context.session)
            let name = context.arguments.positional(0)
            if let name { _ = try runtime.registry.configuration(name) }
            let style = context.console.style
            if let text = context.arguments.option("keep-warm") {
                let seconds = try Quantity.seconds(text, "--keep-warm")
                await runtime.invoker.setKeepWarm(.milliseconds(Int64((seconds * 1000).rounded())))
                context.console.line("Idle environments now stay warm for \(InvocationView.duration(seconds)).")
            }
            if context.arguments.flag("stop") {
                let (stopped, afterUse) = await runtime.invoker.stopEnvironments(functionName: name)
                let whose = name.map { " of \($0)" } ?? ""
                var text = stopped == 0 ? "No idle environment\(whose) was running" : "Stopped \(stopped) idle environment\(stopped == 1 ? "" : "s")\(whose)"
                if afterUse > 0 { text += "; \(afterUse) busy one\(afterUse == 1 ? "" : "s") will stop when its invocation ends" }
                context.console.wrapped(text + ". The next invoke\(name.map { " of \($0)" } ?? "") starts cold.")
            }
            let environments = await runtime.invoker.environments(functionName: name)
            let settings = runtime.invoker.currentSettings
            context.console.line(InvocationView.environments(environments, keepWarm: settings.keepWarm, now: settings.wallClock.now(),
                                                             width: context.console.width, style: style))
        })

    // MARK: - invoke

    private static func runInvoke(_ context: CommandContext) async throws {
        let arguments = context.arguments
        try arguments.expectAtMost(1)
        let runtime = RuntimeService.of(context.session)
        var payload = try eventPayload(arguments)
        payload = try SampleEvents.apply(arguments.options("set"), to: payload)
        var options = InvokeOptions()
        if let logType = arguments.option("log-type") {
            guard let parsed = InvokeOptions.LogType(rawValue: logType.capitalized) else {
                throw CommandError("--log-type is None or Tail, got '\(logType)'")
            }
            options.logType = parsed
        }
        if arguments.flag("async") {
            try runAsyncInvoke(context, name: try arguments.required(0, "a function name"), payload: payload)
            return
        }
        if let text = arguments.option("concurrent") {
            let count = try Arguments.integer(text, "--concurrent", in: 1...concurrentLimit)
            let name = try arguments.required(0, "a function name")
            guard !arguments.has("handler"), !arguments.flag("json") else { throw CommandError("--concurrent goes with a function name, without --handler or --json") }
            try await runConcurrent(context, name: name, count: count, payload: payload, options: options)
            return
        }
        let result: InvocationResult
        var servedBy: EndpointRecord?
        if let handler = arguments.option("handler") {
            guard arguments.positional(0) == nil else { throw CommandError("give a function name or --handler, not both") }
            let package = try OneShotFunction.package(handler: handler, runtime: arguments.option("runtime"), code: arguments.option("code"),
                                                      workingDirectory: FileManager.default.currentDirectoryPath,
                                                      keepOut: runtime.invoker.currentSettings.privatePaths + [runtime.invoker.currentSettings.scratchRoot])
            result = try await runtime.invoker.invoke(package: package, payload: payload, options: options)
        } else {
            let name = try arguments.required(0, "a function name (or --handler FILE:FUNCTION)")
            if arguments.has("runtime") { throw CommandError("--runtime goes with --handler; change a function's runtime with 'fn config \(name) runtime=…'") }
            if arguments.has("code") { throw CommandError("--code goes with --handler; a saved function's code is in its folder ('fn edit \(name)')") }
            servedBy = servedElsewhere(context.session)
            if let served = servedBy {
                // One Lambda per data folder: another tutor serves it, so its environments run this.
                result = try await remoteInvoke(name, payload: payload, port: served.port, options: options)
            } else {
                result = try await runtime.lambda.invoke(name, payload: payload, options: options)
            }
        }
        runtime.lastInvocation.withLock { $0 = result }
        if arguments.flag("json") {
            context.console.line(InvocationView.json(result))
        } else {
            context.console.line(InvocationView.render(result, width: context.console.width, style: context.console.style))
            if let servedBy {
                context.console.say(context.console.style.muted("  run by the tutor serving this data folder (process \(servedBy.pid), \(servedBy.endpoint)); its 'logs' and 'envs' show more"))
            }
        }
    }

    /// The event from --event NAME, --event @file, --payload JSON, or `{}`.
    static func eventPayload(_ arguments: Arguments) throws -> Data {
        if arguments.has("event"), arguments.has("payload") {
            throw CommandError("give --event or --payload, not both")
        }
        if let payload = arguments.option("payload") { return Data(payload.utf8) }
        guard let event = arguments.option("event") else { return Data("{}".utf8) }
        if event.hasPrefix("@") {
            let path = (String(event.dropFirst()) as NSString).expandingTildeInPath
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CommandError("--event: cannot read \(path)")
            }
            return data
        }
        return try SampleEvents.data(event)
    }

    // MARK: - completion

    static func fnCompletions(_ request: CompletionRequest, _ session: Session) -> [String] {
        let words = request.precedingWords
        if let last = words.last, last == "--runtime" { return FunctionRuntime.supported.map(\.identifier) }
        if let last = words.last, last == "--template" { return FunctionTemplate.Kind.allCases.map(\.rawValue) }
        switch words.count {
        case 1: return fnSubcommands
        case 2 where ["edit", "config", "show", "rm", "url"].contains(words[1]): return RuntimeService.of(session).functionNames
        default:
            if words.count >= 3, words[1] == "config" {
                return FunctionSetting.allCases.map(\.completion)
            }
            return []
        }
    }

    /// Completion for commands whose first word is a function name (`logs`, `envs`, `alias`, `metrics`).
    @Sendable static func completeFunctionName(_ request: CompletionRequest, _ session: Session) -> [String] {
        request.precedingWords.count == 1 ? RuntimeService.of(session).functionNames : []
    }

    static func invokeCompletions(_ request: CompletionRequest, _ session: Session) -> [String] {
        let words = request.precedingWords
        if words.last == "--event" { return SampleEvents.names }
        if words.last == "--log-type" { return ["None", "Tail"] }
        if words.last == "--runtime" { return FunctionRuntime.supported.map(\.identifier) }
        return words.count == 1 ? RuntimeService.of(session).functionNames : []
    }
}
