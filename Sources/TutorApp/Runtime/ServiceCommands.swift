import Foundation
import LambdaModel
import LambdaService
import MiniLambda
import TerminalUI
import TutorSupport
import LineEditor

/// The service's commands: versions (`fn publish`), aliases, provisioned concurrency
/// (`fn provision`), the account's concurrency (`account`), and the metrics (`metrics`).
/// Concurrent invocations (`invoke --concurrent`, `load --rps`) are in ConcurrentInvoke.swift.
extension Command {
    static var serviceCommands: [Command] { [alias, account, metrics] }

    // MARK: - fn publish / fn provision

    static func fnPublish(_ context: CommandContext, _ service: RuntimeService) throws {
        try context.arguments.expectAtMost(2)
        let name = try context.arguments.required(1, "a function name")
        let before = try service.lambda.listVersionsByFunction(name).count
        let version = try service.lambda.publishVersion(name, description: context.arguments.option("description"))
        let style = context.console.style
        if try service.lambda.listVersionsByFunction(name).count == before {
            context.console.wrapped("Nothing changed since version \(version.version): publishing again gives the same version, as on AWS.")
        } else {
            context.console.say(style.success("✓") + " Published " + style.bold("\(name):\(version.version)") + " — its code and settings are frozen; $LATEST stays editable.", hanging: 2)
        }
        context.console.line("  " + version.functionArn)
        context.console.line("  next: " + style.code("invoke \(name):\(version.version)") + ", " + style.code("alias \(name) prod \(version.version)"))
    }

    /// `fn provision NAME:QUALIFIER N` (0 removes the setting).
    static func fnProvision(_ context: CommandContext, _ service: RuntimeService) async throws {
        try context.arguments.expectAtMost(3)
        let target = try context.arguments.required(1, "NAME:QUALIFIER (a version or an alias)")
        let count = try Arguments.integer(try context.arguments.required(2, "how many environments (0 removes)"), "the count", in: 0...1_000)
        let reference = try FunctionReference(parsing: target)
        let style = context.console.style
        if count == 0 {
            try await service.lambda.deleteProvisionedConcurrencyConfig(reference)
            context.console.line(style.success("✓") + " Removed the provisioned concurrency of \(reference).")
            return
        }
        let config = try await service.lambda.putProvisionedConcurrencyConfig(reference, count: count)
        switch config.status {
        case .ready:
            context.console.say(style.success("✓") + " \(config.availableProvisionedConcurrentExecutions) environment\(count == 1 ? "" : "s") of \(reference) started ahead (Status READY; AWS takes a minute or two). Invocations of \(reference) start warm on them; beyond \(count) at once they spill over to on-demand environments.", hanging: 2)
        case .inProgress, .failed:
            throw CommandError("provisioned concurrency for \(reference) is \(config.status.rawValue): \(config.statusReason ?? "no environment could be started")")
        }
    }

    // MARK: - alias

    static let alias = Command(
        "alias", group: .runtime,
        summary: "Point a name (prod, dev) at a version, optionally sharing traffic with another",
        usage: ["alias NAME", "alias NAME ALIAS VERSION [--weight VERSION=PERCENT%] [--description TEXT]", "alias NAME ALIAS --rm"],
        discussion: """
        An alias is a name for one published version of a function (`fn publish NAME` makes versions). \
        Invoke it as NAME:ALIAS. With --weight, a share of its invocations goes to a second version, chosen \
        for each invocation at random (a canary or a linear deployment). The version that ran is shown in the \
        invoke summary, in `START … Version:` and in the log stream's name. `alias NAME` lists the aliases.
        """,
        examples: ["alias hello prod 1", "alias hello prod 2 --weight 3=10%", "alias hello", "alias hello prod --rm"],
        options: [
            OptionSpec("weight", value: "VERSION=PERCENT%", help: "send this share of invocations to a second version"),
            OptionSpec("description", value: "TEXT", help: "the alias's description"),
            OptionSpec("rm", help: "delete the alias"),
        ],
        complete: completeFunctionName,
        run: { context in
            try context.arguments.expectAtMost(3)
            let service = RuntimeService.of(context.session)
            let name = try context.arguments.required(0, "a function name")
            let style = context.console.style
            guard let aliasName = context.arguments.positional(1) else {
                let aliases = try service.lambda.listAliases(name)
                guard !aliases.isEmpty else {
                    context.console.line("\(name) has no aliases. Make one: " + style.code("alias \(name) prod 1"))
                    return
                }
                var table = TextTable(columns: [.init("alias"), .init("version"), .init("routing"), .init("description")])
                for alias in aliases {
                    table.add([style.bold(alias.name), alias.functionVersion, routingText(alias), alias.description])
                }
                context.console.line(table.render(width: context.console.width, style: style))
                return
            }
            if context.arguments.flag("rm") {
                try service.lambda.deleteAlias(name, name: aliasName)
                context.console.line(style.success("✓") + " Deleted the alias \(name):\(aliasName).")
                return
            }
            let version = try context.arguments.required(2, "the version the alias points at (see 'fn publish')")
            let routing = try context.arguments.option("weight").map(parseWeight)
            let exists = (try? service.lambda.getAlias(name, name: aliasName)) != nil
            let alias = exists
                ? try service.lambda.updateAlias(name, name: aliasName, functionVersion: version, description: context.arguments.option("description"),
                                                 routingConfig: routing ?? AliasRoutingConfiguration(additionalVersionWeights: [:]))
                : try service.lambda.createAlias(name, name: aliasName, functionVersion: version, description: context.arguments.option("description") ?? "",
                                                 routingConfig: routing)
            context.console.say(style.success("✓") + " \(name):\(aliasName) → \(routingText(alias)). Try: " + style.code("invoke \(name):\(aliasName)"), hanging: 2)
        })

    /// `3=10%` (or `3=0.1`) as AWS's routing config.
    static func parseWeight(_ text: String) throws -> AliasRoutingConfiguration {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, FunctionVersion.isPublished(parts[0]) else {
            throw CommandError("--weight is VERSION=PERCENT%, for example --weight 3=10%")
        }
        let percent = parts[1].hasSuffix("%")
        guard let number = Double(percent ? String(parts[1].dropLast()) : parts[1]) else {
            throw CommandError("--weight \(text): '\(parts[1])' is not a share (10% or 0.1)")
        }
        return AliasRoutingConfiguration(additionalVersionWeights: [parts[0]: percent ? number / 100 : number])
    }

    static func routingText(_ alias: AliasConfiguration) -> String {
        guard let (version, weight) = alias.routingConfig?.additionalVersionWeights.first else { return "version \(alias.functionVersion)" }
        let extra = (weight * 1000).rounded() / 10
        return "version \(alias.functionVersion) \(formatPercent(100 - extra)), version \(version) \(formatPercent(extra))"
    }

    static func formatPercent(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) %" : String(format: "%.1f %%", value)
    }

    // MARK: - account

    static let account = Command(
        "account", group: .runtime,
        summary: "The account's concurrency: the limit, what is reserved, and the tutor's own cap",
        usage: ["account", "account concurrency N|default"],
        discussion: """
        Lambda runs at most the account's concurrency at once in a Region (\(Facts.accountConcurrency.display) by default), \
        shared by every function that has no reserved concurrency; \(Facts.unreservedMinimum.display) always stay unreserved. \
        `account concurrency 10` lowers the limit for this session so throttles (429 TooManyRequestsException) show \
        at laptop scale — a teaching setting, not something AWS lets you do; the unreserved minimum shrinks in \
        proportion. Separately, the tutor itself runs at most a few environments as real processes (its local cap, \
        shown below): an invocation beyond it is refused by the tutor, not throttled the way AWS throttles.
        """,
        examples: ["account", "account concurrency 10", "account concurrency default"],
        complete: { request, _ in request.precedingWords.count == 1 ? ["concurrency"] : request.precedingWords.count == 2 ? ["default"] : [] },
        run: { context in
            try context.arguments.expectAtMost(2)
            let service = RuntimeService.of(context.session)
            if let sub = context.arguments.positional(0) {
                guard sub == "concurrency" else { throw CommandError("account has no setting '\(sub)'", hint: "account concurrency N") }
                let text = try context.arguments.required(1, "a number, or 'default'")
                let limit = text == "default" ? nil : try Arguments.integer(text, "the account's concurrency", in: 1...Limits.accountConcurrency * 100)
                try service.lambda.setAccountConcurrency(limit)
            }
            context.console.line(ConcurrencyView.account(service.lambda.getAccountSettings(), reserved: reservations(service),
                                                         localCap: service.invoker.currentSettings.maxEnvironments, style: context.console.style))
        })

    static func reservations(_ service: RuntimeService) -> [(String, Int)] {
        service.registry.names().compactMap { name in
            (try? service.lambda.getFunctionConcurrency(name).reservedConcurrentExecutions).flatMap { $0 }.map { (name, $0) }
        }
    }

    // MARK: - metrics

    static let metrics = Command(
        "metrics", group: .runtime,
        summary: "A function's CloudWatch-style metrics per minute: invocations, errors, throttles, durations",
        usage: ["metrics NAME[:QUALIFIER] [--minutes N] [--json]"],
        discussion: """
        The metrics Lambda sends to CloudWatch, per minute, for this session: Invocations, Errors, Throttles, \
        Duration (average, p50, p99, maximum), ConcurrentExecutions (the most at once in the minute), \
        ProvisionedConcurrencySpilloverInvocations and the cold starts. NAME:ALIAS or NAME:VERSION shows \
        one alias's or version's share. A chart of invocations and throttles follows the table.
        """,
        examples: ["metrics hello", "metrics hello:prod --minutes 5", "metrics hello --json"],
        options: [
            OptionSpec("minutes", value: "N", help: "how many minutes back (default 10, at most 60)"),
            OptionSpec("json", help: "print the minutes as JSON"),
        ],
        complete: completeFunctionName,
        run: { context in
            try context.arguments.expectAtMost(1)
            let service = RuntimeService.of(context.session)
            let reference = try FunctionReference(parsing: try context.arguments.required(0, "a function name"))
            let minutes = try context.arguments.option("minutes").map { try Arguments.integer($0, "--minutes", in: 1...60) } ?? 10
            let series = try service.lambda.metrics(reference, minutes: minutes)
            if context.arguments.flag("json") {
                context.console.line(MetricsView.json(series))
                return
            }
            let glyphs = ChartGlyphs.detect(environment: context.session.environment)
            context.console.line(MetricsView.render(series, width: context.console.width, style: context.console.style, glyphs: glyphs))
        })
}
