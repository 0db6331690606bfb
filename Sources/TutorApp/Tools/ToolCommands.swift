import Foundation
import LambdaModel
import TerminalUI
import TutorSupport
import LineEditor

extension Command {
    /// The facts table and the calculators.
    static var toolCommands: [Command] {
        [facts, calc]
    }

    static let facts = Command(
        "facts", group: .tools,
        summary: "List Lambda limits and prices, with their source",
        usage: ["facts [WORDS…]", "facts KEY"],
        discussion: "Every number the tutor uses comes from this table, with the page it was checked against and the date. Give words to filter, or a key to see one fact in full.",
        examples: ["facts", "facts timeout", "facts price arm", "facts concurrency.account_default"],
        complete: { _, _ in Facts.keys },
        run: { context in
            let words = context.arguments.positionals
            let style = context.console.style
            if words.count == 1, let fact = Facts.named(words[0]) {
                context.console.line(style.bold(fact.title) + "  " + style.code(fact.key))
                context.console.line("  " + style.bold(fact.display))
                if let note = fact.note { context.console.wrapped(note, indent: 2) }
                context.console.line(style.muted("  source: \(fact.source) · checked \(fact.asOf)"))
                return
            }
            let found = Facts.search(words)
            guard !found.isEmpty else {
                let hint = words.count == 1 ? Suggestions.didYouMeanKey(words[0], in: Facts.keys) : nil
                throw CommandError("no fact matches '\(words.joined(separator: " "))'", hint: hint ?? "try fewer words, or 'facts' for all")
            }
            var table = TextTable(columns: [.init("key"), .init("value"), .init("what")])
            for fact in found { table.add([style.code(fact.key), fact.display, fact.title]) }
            var text = table.render(width: context.console.width, style: style)
            text += "\n" + style.muted("\(found.count) fact(s), us-east-1 prices, checked \(Facts.checkedOn) · 'facts KEY' shows the source")
            context.console.page(text)
        })

    /// The options each calculator reads. An option of another calculator is an error naming
    /// it and what this one takes, not silently ignored (`calc memory --rps 5`).
    static let calcOptions: [String: [String]] = [
        "concurrency": ["rps", "duration", "reserved", "account-limit"],
        "cost": ["requests", "duration", "memory", "arch", "free-tier", "provisioned", "hours", "ephemeral", "init", "cold-rate"],
        "memory": ["memory"], "cpu": ["memory"],
    ]

    static func checkCalcOptions(_ kind: String, _ arguments: Arguments) throws(CommandError) {
        guard let allowed = calcOptions[kind] else { return }
        let every = Set(calcOptions.values.joined())
        for name in every.sorted() where arguments.has(name) && !allowed.contains(name) {
            let owners = calcOptions.filter { $0.key != "cpu" && $0.value.contains(name) }.keys.sorted().map { "calc \($0)" }
            throw CommandError("--\(name) is not an option of calc \(kind) (it belongs to \(owners.joined(separator: " and ")))",
                               hint: "calc \(kind) takes " + allowed.map { "--" + $0 }.joined(separator: ", "))
        }
        if kind == "cost" {
            if arguments.has("cold-rate"), !arguments.has("init") {
                throw CommandError("--cold-rate goes with --init (the INIT duration those cold starts add)", hint: "e.g. --init 400ms --cold-rate 2")
            }
            if arguments.has("hours"), !arguments.has("provisioned") {
                throw CommandError("--hours goes with --provisioned N (how many environments are kept ready)", hint: "e.g. --provisioned 5 --hours 720")
            }
        }
    }

    static let calc = Command(
        "calc", group: .tools,
        summary: "Work out concurrency, cost or CPU share step by step",
        usage: [
            "calc concurrency --rps N --duration TIME [--reserved N] [--account-limit N]",
            "calc cost --requests N --duration TIME --memory MB [--arch arm64] [--free-tier] [--provisioned N --hours H] [--ephemeral MB] [--init TIME --cold-rate PCT]",
            "calc memory --memory MB",
        ],
        synopsis: "calc concurrency|cost|memory …",
        discussion: """
        Quantities take units: `5M` requests, `300ms` or `1.5s`, `1024` or `1GB` of memory. Prices are \
        us-east-1 from the facts table (`facts price`).
        """,
        examples: [
            "calc concurrency --rps 200 --duration 300ms",
            "calc concurrency --rps 20000 --duration 50ms",
            "calc cost --requests 5M --duration 200ms --memory 1024 --free-tier",
            "calc cost --requests 30M --duration 120ms --memory 512 --arch arm64",
            "calc memory --memory 1769",
        ],
        options: [
            OptionSpec("rps", value: "N", help: "average requests per second"),
            OptionSpec("duration", value: "TIME", help: "average duration (300ms, 1.5s)"),
            OptionSpec("reserved", value: "N", help: "the function's reserved concurrency"),
            OptionSpec("account-limit", value: "N", help: "the account's concurrency quota (default \(Limits.accountConcurrency))"),
            OptionSpec("requests", value: "N", help: "requests per month (5M)"),
            OptionSpec("memory", value: "MB", help: "configured memory"),
            OptionSpec("arch", value: "x86_64|arm64", help: "architecture (default x86_64)"),
            OptionSpec("free-tier", help: "subtract the monthly free tier"),
            OptionSpec("provisioned", value: "N", help: "provisioned concurrency environments"),
            OptionSpec("hours", value: "H", help: "hours provisioned concurrency is enabled"),
            OptionSpec("ephemeral", value: "MB", help: "configured /tmp size"),
            OptionSpec("init", value: "TIME", help: "INIT duration of a cold start"),
            OptionSpec("cold-rate", value: "PCT", help: "share of invocations that are cold starts, in percent"),
        ],
        complete: { request, _ in request.precedingWords.count == 1 ? ["concurrency", "cost", "memory"] : [] },
        run: { context in
            let kind = try context.arguments.required(0, "what to calculate: concurrency, cost or memory")
            try context.arguments.expectAtMost(1)
            try checkCalcOptions(kind, context.arguments)
            switch kind {
            case "concurrency": try CalculatorView.concurrency(context)
            case "cost": try CalculatorView.cost(context)
            case "memory", "cpu": try CalculatorView.memory(context)
            default:
                let hint = Suggestions.didYouMean(kind, in: ["concurrency", "cost", "memory"]) ?? "use concurrency, cost or memory"
                throw CommandError("calc cannot work out '\(kind)'", hint: hint)
            }
        })
}
