import Foundation
import LambdaService
import MiniLambda
import TerminalUI
import TutorSupport

/// What `fn new|edit|config|show|list|rm` do (the command itself is in RuntimeCommands.swift).
extension Command {
    static func fnNew(_ context: CommandContext, _ service: RuntimeService) async throws {
        let arguments = context.arguments
        try arguments.expectAtMost(2)
        let name = try arguments.required(1, "a function name")
        let runtime = try FunctionRuntime.named(arguments.option("runtime") ?? FunctionRuntime.python.identifier)
        let template = try FunctionTemplate.kind(named: arguments.option("template") ?? "hello")
        let source = arguments.option("from").map { URL(fileURLWithPath: ($0 as NSString).expandingTildeInPath) }
        if let source, !FileManager.default.fileExists(atPath: source.path) {
            throw CommandError("--from: no file or folder at \(source.path)")
        }
        guard try await replaceExisting(name, context, service) else { return }
        let configuration = try service.lambda.createFunction(name: name, runtime: runtime, code: source.map { .copy($0) } ?? .template(template))
        let style = context.console.style
        context.console.say(style.success("✓") + " Created " + style.bold(name) + " (\(runtime), handler \(configuration.handler), \(configuration.memorySize) MB, \(configuration.timeout) s timeout)", hanging: 2)
        let event = source == nil ? " --event \(template.sampleEvent)" : ""
        context.console.line("  code: \(try service.registry.codeDirectory(name).path)")
        context.console.line("  next: " + style.code("invoke \(name)\(template == .hello ? "" : event)") + ", " + style.code("fn edit \(name)"))
    }

    /// Whether `fn new NAME` may go on: yes when there is no such function; when there is, only
    /// if the learner agrees to replace it (its code and settings are deleted) or gave --yes.
    /// A script without --yes is refused (its next line would be taken as the answer).
    static func replaceExisting(_ name: String, _ context: CommandContext, _ service: RuntimeService) async throws -> Bool {
        guard service.registry.exists(name) else { return true }
        let session = context.session
        let folder = try service.registry.codeDirectory(name).path
        if !context.arguments.flag("yes") {
            guard session.interactive else {
                throw CommandError("a function named \(name) already exists; fn new would replace its code in \(folder)",
                                   hint: "fn edit \(name) changes its code; fn new \(name) --yes replaces it")
            }
            let files = service.registry.codeFiles(name).count
            guard await session.confirm("\(name) already exists (\(files) file\(files == 1 ? "" : "s") in \(folder)). Replace it with a new function? Its code and settings are deleted.", default: false) else {
                context.console.line("Kept \(name). " + context.console.style.code("fn edit \(name)") + " changes its code.")
                return false
            }
        }
        try await service.lambda.deleteFunction(name)
        service.invoker.logs.removeGroup("/aws/lambda/\(name)")
        return true
    }

    static func fnEdit(_ context: CommandContext, _ service: RuntimeService) async throws {
        let arguments = context.arguments
        try arguments.expectAtMost(3)
        let name = try arguments.required(1, "a function name")
        var file = try service.registry.handlerFile(name)
        let code = try service.registry.codeDirectory(name)
        if let relative = arguments.positional(2) {
            // The registry's check: a relative path that stays inside the code folder.
            file = try service.registry.codeFile(name, relative)
        }
        let session = context.session
        let chosen = ChildEditor.chooseWithReason(environment: session.environment)
        let editor = chosen?.editor
        let relative = String(file.path.dropFirst(code.path.count + 1))
        if arguments.flag("inline") || !session.interactive || editor == nil {
            context.console.line("Type the new \(relative); end with a line holding a single '.' (Ctrl-C cancels).")
            var lines: [String] = []
            while true {
                // Code lines stay out of the command history (Up recalls commands, not code).
                guard let line = await session.ask("… ") else {
                    throw CommandError("editing cancelled; \(relative) is unchanged")
                }
                if line == "." { break }
                lines.append(line)
            }
            try service.registry.writeCode(name, file: relative, contents: lines.joined(separator: "\n") + "\n")
        } else if let editor {
            context.console.say(context.console.style.muted("Opening \(relative) in \(editor) (\(chosen?.reason ?? "")); save and quit it to come back."), hanging: 2)
            if !FileManager.default.fileExists(atPath: file.path) {
                try service.registry.writeCode(name, file: relative, contents: "")
            }
            let before = FileManager.default.contents(atPath: file.path)
            switch ChildEditor.run(editor, file: file.path, console: context.console, environment: session.environment) {
            case .exited(0): break
            case .exited(let status) where status == 127:
                throw CommandError("the editor '\(editor)' was not found", hint: "set VISUAL or EDITOR to an installed editor, or use 'fn edit \(name) --inline'")
            case .exited(let status):
                throw CommandError("the editor '\(editor)' exited with status \(status); \(relative) is as the editor left it")
            case .signalled(let signal):
                throw CommandError("the editor '\(editor)' was stopped by signal \(signal); \(relative) is as the editor left it")
            case .notStarted(let reason):
                throw CommandError("the editor '\(editor)' could not be started: \(reason)")
            }
            guard FileManager.default.contents(atPath: file.path) != before else {
                context.console.line("\(relative) is unchanged.")
                return
            }
            try service.registry.codeChanged(name)
        }
        await service.lambda.retireOutdatedEnvironments(name)
        let style = context.console.style
        context.console.wrapped(style.success("✓") + " Saved \(relative). The next invoke of \(name) starts a new environment with the new code.")
    }

    static func fnConfig(_ context: CommandContext, _ service: RuntimeService) async throws {
        let name = try context.arguments.required(1, "a function name")
        var settings = Array(context.arguments.positionals.dropFirst(2))
        let asyncSettings = settings.filter(AsyncSettings.isAsyncKey)
        settings.removeAll(where: AsyncSettings.isAsyncKey)
        if !asyncSettings.isEmpty {
            try configureAsync(context, name: name, asyncSettings)
            if settings.isEmpty { return }
        }
        let configuration: FunctionConfiguration
        if settings.isEmpty {
            configuration = try service.registry.configuration(name)
        } else {
            let update = try ConfigurationUpdate(settings: settings)
            configuration = try await service.lambda.updateFunctionConfiguration(name, update)
            let success = context.console.style.success("✓")
            switch update.reservedConcurrency {
            case .limit(let value)?:
                context.console.say(success + " Reserved \(value) of the account's concurrency for \(name)" + (value == 0 ? ": every invocation is throttled." : ": it never runs more than \(value) at once."), hanging: 2)
            case .unreserved?:
                context.console.say(success + " \(name) has no reserved concurrency now: it shares the account's unreserved pool.", hanging: 2)
            case nil:
                break
            }
            if update.changesFunctionSettings {
                context.console.say(success + " Updated \(name); warm environments with the old settings are retired.", hanging: 2)
            }
        }
        context.console.line(InvocationView.configuration(configuration, style: context.console.style))
    }

    static func fnShow(_ context: CommandContext, _ service: RuntimeService) throws {
        try context.arguments.expectAtMost(2)
        let name = try context.arguments.required(1, "a function name")
        let configuration = try service.registry.configuration(name)
        let style = context.console.style
        var text = InvocationView.configuration(configuration, style: style)
        let interpreter = LocalInterpreter.version(of: configuration.runtime) ?? "not installed"
        text += "\n" + style.muted("  \(configuration.runtime) is run here by the local \(configuration.runtime.localInterpreter) (\(interpreter)); AWS would use its own \(configuration.runtime) runtime.")
        text += "\n  code: \(try service.registry.codeDirectory(name).path)"
        for file in service.registry.codeFiles(name) { text += "\n    " + file }
        if let handlerFile = try? service.registry.handlerFile(name), let source = try? String(contentsOf: handlerFile, encoding: .utf8) {
            text += "\n\n" + style.heading(handlerFile.lastPathComponent) + "\n" + source
        }
        context.console.page(text)
    }

    static func fnList(_ context: CommandContext, _ service: RuntimeService) throws {
        try context.arguments.expectAtMost(1)
        let (functions, problems) = service.registry.list()
        for problem in problems { context.console.warning(problem) }
        let style = context.console.style
        guard !functions.isEmpty else {
            context.console.line("No functions yet. Create one with " + style.code("fn new hello") + ".")
            return
        }
        var table = TextTable(columns: [.init("function"), .init("runtime"), .init("handler"), .init("memory", alignment: .right),
                                        .init("timeout", alignment: .right), .init("modified")])
        for function in functions {
            table.add([style.bold(function.functionName), function.runtime.identifier, function.handler, "\(function.memorySize) MB",
                       "\(function.timeout) s", String(function.lastModified.prefix(19)).replacingOccurrences(of: "T", with: " ")])
        }
        // A long list goes through the pager, as every long output does.
        context.console.page(table.render(width: context.console.width, style: style))
    }

    static func fnRemove(_ context: CommandContext, _ service: RuntimeService) async throws {
        try context.arguments.expectAtMost(2)
        let name = try context.arguments.required(1, "a function name")
        _ = try service.registry.configuration(name)
        let session = context.session
        if !context.arguments.flag("yes") {
            // A script cannot answer sensibly (its next line would be taken as the answer).
            guard session.interactive else {
                throw CommandError("fn rm deletes \(name)'s code; in a script add --yes to confirm", hint: "fn rm \(name) --yes")
            }
            let files = service.registry.codeFiles(name)
            guard await session.confirm("Remove \(name) and its code (\(files.count) file\(files.count == 1 ? "" : "s") in \(try service.registry.codeDirectory(name).path))?", default: false) else {
                context.console.line("Kept \(name).")
                return
            }
        }
        try await service.lambda.deleteFunction(name)
        service.invoker.logs.removeGroup("/aws/lambda/\(name)")
        context.console.say(context.console.style.success("✓") + " Removed \(name), its environments and its logs.", hanging: 2)
    }

}
