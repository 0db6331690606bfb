import Curriculum
import Foundation
import LambdaService
import MiniLambda
import TutorSupport
import LineEditor
import TerminalUI

extension Command {
    static let load = Command(
        "load", group: .runtime,
        summary: "Load a handler from the current lesson into a function",
        usage: ["load [NAME|N] [--name NAME] [--yes]", "load NAME --rps R [--for 10s] [--event SAMPLE]"],
        discussion: """
        Lesson steps can carry handler code. `load NAME` saves the handler the lesson calls NAME (or the step's \
        Nth handler) as a function, ready to invoke. With no argument, the step's first handler is loaded under \
        the name it suggests; --name picks another function name. If the function holds code that is not a \
        lesson's or a template's (you edited it), load asks before replacing it, and keeps a copy of what it \
        replaces in the function's backups folder either way (in a script it does not ask: the copy is kept).         With --rps, load is a load generator instead: it invokes the function NAME R times a second for the         --for duration (10 s unless given), without waiting for earlier invocations, and sums up cold, warm         and throttled ones; `metrics NAME` shows them per minute.
        """,
        examples: ["load hello", "load", "load 2 --name mine", "load hello --rps 20 --for 10s"],
        options: [OptionSpec("name", value: "NAME", help: "the function to create or replace"),
                  OptionSpec("yes", help: "replace edited code without asking (a copy is still kept)"),
                  OptionSpec("rps", value: "R", help: "invoke the function R times a second (a load generator)"),
                  OptionSpec("for", value: "TIME", help: "with --rps: how long (default 10s)"),
                  OptionSpec("event", value: "SAMPLE|@FILE", help: "with --rps: the event to send")],
        complete: { request, session in
            guard request.precedingWords.count == 1, let (_, step) = try? session.currentLesson() else { return [] }
            return step.handlers.compactMap(\.suggestedName)
        },
        run: { context in
            try context.arguments.expectAtMost(1)
            if context.arguments.has("rps") {
                try await runLoad(context, name: try context.arguments.required(0, "the function to invoke"))
                return
            }
            let session = context.session
            let (lesson, step) = try session.currentLesson()
            let block = try handlerBlock(context.arguments.positional(0), lesson: lesson, step: step)
            guard let name = context.arguments.option("name") ?? context.arguments.positional(0).flatMap({ Int($0) == nil ? $0 : nil }) ?? block.suggestedName else {
                throw CommandError("this handler does not suggest a function name", hint: "load --name NAME")
            }
            let runtime = RuntimeService.of(session)
            let style = context.console.style
            let source = HandlerBlockSource(block)
            let edited = LearnerCode.editedFiles(replacedBy: source, in: name, registry: runtime.registry,
                                                 known: LearnerCode.knownCode(session.catalog))
            var backup: URL?
            if !edited.isEmpty {
                if session.interactive, !context.arguments.flag("yes") {
                    let files = edited.joined(separator: ", ")
                    guard await session.confirm("\(name) holds code you changed (\(files)). Replace it with the lesson's? A copy is kept.", default: false) else {
                        context.console.line("Kept your code. To load the lesson's beside it: " + style.code("load \(context.arguments.positional(0) ?? "") --name \(name)-lesson".replacingOccurrences(of: "  ", with: " ")))
                        return
                    }
                }
                backup = try LearnerCode.backUp(edited, of: name, registry: runtime.registry)
            }
            let configuration = try loadHandler(source, name: name, registry: runtime.registry)
            await runtime.invoker.retireEnvironments(functionName: name)
            context.console.wrapped(style.success("✓") + " Loaded the handler into " + style.bold(name) + " (\(configuration.runtime), handler \(configuration.handler)). Try: " + style.code("invoke \(name)"))
            if let backup {
                context.console.wrapped(style.warning("Your earlier code is kept in \(backup.path)") + style.muted(" (copy it back with 'fn new NAME --from' or your editor)."))
            }
        })

    /// The handler block `load` means: by number or suggested name in the current step, or the
    /// step's first. Only the current step: lesson handlers are code the learner runs, and the
    /// learner should have the code in front of them (a handler tucked into an appendix step
    /// must not run because a learner typed a name).
    static func handlerBlock(_ selector: String?, lesson: Lesson, step: LessonStep) throws -> HandlerBlock {
        guard let selector else {
            guard let first = step.handlers.first else {
                throw CommandError("this step of '\(lesson.id)' has no handler code to load")
            }
            return first
        }
        if let number = Int(selector) {
            guard !step.handlers.isEmpty else { throw CommandError("this step of '\(lesson.id)' has no handler code to load") }
            guard step.handlers.indices.contains(number - 1) else {
                throw CommandError("this step has \(step.handlers.count) handler(s); there is no handler \(number)")
            }
            return step.handlers[number - 1]
        }
        if let match = step.handlers.first(where: { $0.suggestedName == selector }) {
            return match
        }
        if let elsewhere = lesson.steps.first(where: { $0.handlers.contains { $0.suggestedName == selector } }) {
            throw CommandError("the handler '\(selector)' is in step \(elsewhere.number) ('\(elsewhere.title)'), not in this one; load takes code only from the step you are reading, so you see what will run",
                               hint: "go there with 'step \(elsewhere.number)', read it, then 'load \(selector)'")
        }
        if step.handlers.count == 1 { return step.handlers[0] }
        let names = step.handlers.compactMap(\.suggestedName)
        guard !names.isEmpty else { throw CommandError("this step of '\(lesson.id)' has no handler code to load") }
        throw CommandError("this step has no handler called '\(selector)'", hint: Suggestions.didYouMean(selector, in: names) ?? "handlers in this step: \(names.joined(separator: ", "))")
    }


    // MARK: - Writing the handler

    static func loadHandler(_ block: HandlerBlockSource, name: String, registry: FunctionRegistry) throws(MiniLambdaError) -> FunctionConfiguration {
        let runtime = block.runtime
        let handler = block.handler
        let file = block.file
        if !registry.exists(name) {
            try registry.create(name: name, runtime: runtime, handler: handler)
        }
        // Any other file the handler string could resolve to (the template's, or an earlier
        // load with the other module syntax) would shadow or confuse the new code. The caller
        // has kept a copy of any the learner wrote.
        for other in block.replacedFiles where other != file {
            try? FileManager.default.removeItem(at: try registry.codeFile(name, other))
        }
        try registry.writeCode(name, file: file, contents: block.code)
        var settings = ["handler=\(handler)", "runtime=\(runtime.identifier)"]
        for key in ["memory", "timeout"] { if let value = block.attributes[key] { settings.append("\(key)=\(value)") } }
        return try registry.configure(name, settings: settings)
    }

}

/// The parts of a lesson's handler block that `load` needs (kept apart from Curriculum's type
/// so the loader is testable on its own).
struct HandlerBlockSource {
    var code: String
    var isPython: Bool
    var attributes: [String: String]
    /// `runtime=nodejs24.x` on the fence line, if given.
    var runtimeIdentifier: String? { attributes["runtime"] }
}

extension HandlerBlockSource {
    init(_ block: HandlerBlock) {
        self.init(code: block.code, isPython: block.runtime == .python, attributes: block.attributes)
    }

    var runtime: FunctionRuntime {
        runtimeIdentifier.flatMap { try? FunctionRuntime.named($0) } ?? (isPython ? .python : .node)
    }

    var handler: String { attributes["handler"] ?? runtime.defaultHandler }

    /// The code file the handler is written to, and the others it replaces (any other file the
    /// handler string could resolve to would shadow or confuse the new code).
    var file: String { runtime.sourceFile(forHandler: handler, code: code) }
    var replacedFiles: [String] { Array(Set(runtime.handlerFileCandidates(handler) + [runtime.defaultHandlerFile, file])).sorted() }
}

extension Command {
    static func loadHandler(_ block: HandlerBlock, name: String, registry: FunctionRegistry) throws(MiniLambdaError) -> FunctionConfiguration {
        try loadHandler(HandlerBlockSource(block), name: name, registry: registry)
    }
}

/// Telling the learner's own code from code the tutor wrote (a lesson's handler, a template),
/// so `load` never replaces edited work without asking and keeps a copy of what it replaces.
enum LearnerCode {
    /// Every handler of the loaded lessons and every template: code the learner did not write.
    static func knownCode(_ catalog: LessonCatalog) -> Set<String> {
        var known = Set(catalog.lessons.flatMap(\.steps).flatMap(\.handlers).map(\.code))
        for runtime in FunctionRuntime.supported {
            for kind in FunctionTemplate.Kind.allCases { known.insert(FunctionTemplate.source(kind, runtime: runtime).contents) }
        }
        known.insert("")
        return known
    }

    /// The files `load` would overwrite or remove in function `name` whose contents are not
    /// known code, relative to its code folder.
    static func editedFiles(replacedBy block: HandlerBlockSource, in name: String, registry: FunctionRegistry, known: Set<String>) -> [String] {
        guard registry.exists(name) else { return [] }
        guard let code = try? registry.codeDirectory(name) else { return [] }
        return block.replacedFiles.filter { file in
            guard let data = FileManager.default.contents(atPath: code.appendingPathComponent(file).path) else { return false }
            let text = String(decoding: data, as: UTF8.self)
            return text != block.code && !known.contains(text)
        }
    }

    /// Copies `files` of function `name` into `backups/<time>/` beside its code folder (not
    /// inside it: the code folder is what runs) and returns that folder.
    static func backUp(_ files: [String], of name: String, registry: FunctionRegistry, now: Date = Date()) throws -> URL {
        let code = try registry.codeDirectory(name)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withDashSeparatorInDate]
        let stamp = formatter.string(from: now).replacingOccurrences(of: ":", with: "")
        var folder = code.deletingLastPathComponent().appendingPathComponent("backups", isDirectory: true).appendingPathComponent(stamp, isDirectory: true)
        var suffix = 1
        while FileManager.default.fileExists(atPath: folder.path) {
            suffix += 1
            folder = folder.deletingLastPathComponent().appendingPathComponent("\(stamp)-\(suffix)", isDirectory: true)
        }
        for file in files {
            guard let data = FileManager.default.contents(atPath: code.appendingPathComponent(file).path) else { continue }
            do {
                try AtomicFile.write(data, to: folder.appendingPathComponent(file))
            } catch {
                throw CommandError("could not keep a copy of \(file) before replacing it (\(error.message)); nothing was replaced")
            }
        }
        return folder
    }
}

