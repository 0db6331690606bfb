import Foundation
import LambdaModel
import MiniLambda
import TerminalUI

/// How invoke results, logs, environments and settings look at the terminal.
enum InvocationView {
    /// The summary line, the response, the error explanation and the log lines:
    ///
    ///     200 OK · cold start · Init 41.20 ms · Duration 1.84 ms · Billed 44 ms · 128 MB · Max 31 MB · $0.0000000963
    static func render(_ result: InvocationResult, width: Int, style: Style) -> String {
        var parts = ["\(result.statusCode) OK"]
        // X-Amz-Executed-Version: shown when a version other than $LATEST ran.
        if result.executedVersion != FunctionVersion.latest { parts.append("version \(result.executedVersion)") }
        parts.append(result.coldStart ? style.warning("cold start") : style.success("warm"))
        if let initMs = result.initDurationMs { parts.append("Init \(LogFormatter.milliseconds(initMs)) ms") }
        parts.append("Duration \(LogFormatter.milliseconds(result.durationMs)) ms")
        parts.append("Billed \(result.billedDurationMs) ms")
        parts.append("\(result.memorySizeMB) MB")
        parts.append("Max \(result.maxMemoryUsedMB) MB")
        parts.append("$" + costText(result.costUSD))
        // Lines break between the parts, never inside one (`Billed 49 ms` stays whole).
        var lines = TextWrapper.wrap(items: parts.enumerated().map { $0 == 0 ? "  " + $1 : $1 }, separator: style.muted(" · "),
                                     width: width, indent: "    ")
        if let warning = result.isolationWarning {
            lines += TextWrapper.wrap(style.warning("Note:") + " \(warning).", width: max(20, width - 2)).map { "  " + $0 }
        }
        if result.initIncludedInBilledDuration {
            lines += TextWrapper.wrap(style.muted("  Billed includes Init: AWS bills the INIT phase on cold starts since \(Facts.initBilledSince.display)."),
                                      width: width, hangingIndent: 2)
        }
        if let functionError = result.functionError {
            lines += TextWrapper.wrap("  " + style.failure("X-Amz-Function-Error: \(functionError)") + (result.errorType.map { " · " + style.bold($0) } ?? ""),
                                      width: width, hangingIndent: 4)
            if let explanation = result.explanation { lines += TextWrapper.wrap("  " + style.muted(explanation), width: width, hangingIndent: 2) }
        }
        lines.append(indent(displayedPayload(result.payload), by: 2))
        if result.droppedOutputBytes > 0 {
            lines.append(style.muted("  (\(result.droppedOutputBytes) bytes of output were not kept)"))
        }
        for line in result.logLines { lines += logLines(line, bar: "│", width: width, style: style) }
        if let tail = result.logResult {
            lines += TextWrapper.wrap(style.muted("  X-Amz-Log-Result (the last 4 KB of the log, base64, as the Invoke API returns it):"),
                                      width: width, hangingIndent: 2)
            // Base64 has no spaces to break at: it is printed whole, for copying.
            lines.append("  " + tail)
            if let data = Data(base64Encoded: tail) {
                lines.append(style.muted("  decoded:"))
                for line in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
                    lines += logLines(String(line), bar: "┊", width: width, style: style)
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// One log event under a bar, wrapped between words (a tab-separated platform line such as
    /// `REPORT` between its fields), continuation lines indented under the text.
    static func logLines(_ line: String, bar: String, width: Int, style: Style) -> [String] {
        let prefix = style.muted("  \(bar) ")
        if line.contains("\t"), ["REPORT ", "INIT_START ", "INIT_REPORT "].contains(where: line.hasPrefix) {
            let fields = line.split(separator: "\t").map(String.init)
            return TextWrapper.wrap(items: fields, separator: "  ", width: width - 4, indent: "  ").map { prefix + $0 }
        }
        var out: [String] = []
        // logLine shows a `\r` (a traceback kept in one event) as a break and six spaces.
        for (index, physical) in logLine(line).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            out += TextWrapper.wrap(String(physical), width: width - 4, hangingIndent: index == 0 ? 2 : 8).map { prefix + $0 }
        }
        return out
    }

    /// A cost to read: ten decimals, the way the Lambda price sheet counts (sub-cent amounts).
    static func costText(_ usd: Double) -> String {
        String(format: "%.10f", usd)
    }

    /// The cost as an exact decimal for JSON: `0.0000002833`, never `2.8333350000000003e-07`.
    static func costDecimal(_ usd: Double) -> Decimal {
        Decimal(string: costText(usd)) ?? Decimal(usd)
    }

    /// The result as one JSON object (`invoke --json`), with the response parsed when it is JSON.
    static func json(_ result: InvocationResult) -> String {
        var object: [String: Any] = [
            "statusCode": result.statusCode, "requestId": result.requestID, "functionName": result.functionName,
            "executedVersion": result.executedVersion, "status": result.status.rawValue, "coldStart": result.coldStart,
            "durationMs": rounded(result.durationMs), "billedDurationMs": result.billedDurationMs,
            "initIncludedInBilledDuration": result.initIncludedInBilledDuration,
            "memorySizeMB": result.memorySizeMB, "maxMemoryUsedMB": result.maxMemoryUsedMB, "costUSD": costDecimal(result.costUSD),
            "logGroupName": result.logGroupName, "logStreamName": result.logStreamName, "logs": result.logLines,
        ]
        object["payload"] = (try? JSONSerialization.jsonObject(with: result.payload, options: [.fragmentsAllowed])) ?? result.payloadText
        if let value = result.initDurationMs { object["initDurationMs"] = rounded(value) }
        if let value = result.functionError { object["functionError"] = value }
        if let value = result.errorType { object["errorType"] = value }
        if let value = result.explanation { object["explanation"] = value }
        if let value = result.logResult { object["logResult"] = value }
        if let value = result.isolationWarning { object["isolationWarning"] = value }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    static func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }

    /// Responses are shown in full up to this size; beyond it, the start and a note (a 5 MB
    /// response printed to a terminal buries everything else). `--json` prints all of it.
    static let displayLimit = 8 * 1024

    static func displayedPayload(_ data: Data) -> String {
        guard data.count > displayLimit else { return prettyJSON(data) }
        let head = String(decoding: data.prefix(displayLimit / 2), as: UTF8.self)
        return head + "\n… (\(Number.grouped(Double(data.count - displayLimit / 2))) more bytes of a \(Number.grouped(Double(data.count)))-byte response not shown; 'invoke … --json' prints it all)"
    }

    /// JSON indented for reading; anything else as it is. Empty arrays and objects stay on one
    /// line (`[]`, `{}`), as every JSON printer a learner knows writes them.
    static func prettyJSON(_ data: Data) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]),
              let pretty = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
        else { return String(decoding: data, as: UTF8.self) }
        return collapseEmpty(String(decoding: pretty, as: UTF8.self))
    }

    /// `[` newline (spaces) `]` → `[]`, and the same for `{}`, outside strings.
    static func collapseEmpty(_ json: String) -> String {
        var out = ""
        var inString = false
        var escaped = false
        var chars = Array(json)
        var i = 0
        while i < chars.count {
            let ch = chars[i]
            out.append(ch)
            if inString {
                if escaped { escaped = false } else if ch == "\\" { escaped = true } else if ch == "\"" { inString = false }
                i += 1
                continue
            }
            if ch == "\"" { inString = true }
            if ch == "[" || ch == "{" {
                let close: Character = ch == "[" ? "]" : "}"
                var j = i + 1
                while j < chars.count, chars[j] == " " || chars[j] == "\n" { j += 1 }
                if j < chars.count, chars[j] == close, j > i + 1 {
                    out.append(close)
                    i = j + 1
                    continue
                }
            }
            i += 1
        }
        chars.removeAll()
        return out
    }

    /// A log event for the terminal: tabs shown as two spaces, and the `\r` that runtimes use to
    /// keep a traceback in one event shown as line breaks.
    static func logLine(_ line: String) -> String {
        line.replacingOccurrences(of: "\t", with: "  ").replacingOccurrences(of: "\r", with: "\n      ")
    }

    static func indent(_ text: String, by count: Int) -> String {
        let pad = String(repeating: " ", count: count)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { pad + $0 }.joined(separator: "\n")
    }

    static func logs(group: String, streams: [LogStream], style: Style) -> String {
        guard !streams.isEmpty else {
            return "Log group \(group) has no streams yet: invoke the function first."
        }
        var lines = [style.heading("Log group \(group)") + style.muted("  (\(streams.count) stream\(streams.count == 1 ? "" : "s"), one per execution environment)")]
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "HH:mm:ss.SSS"
        for stream in streams {
            lines.append("")
            lines.append(style.bold(stream.name) + style.muted("  \(stream.events.count) event\(stream.events.count == 1 ? "" : "s")"))
            for event in stream.events {
                lines.append("  " + style.muted(formatter.string(from: event.timestamp)) + "  " + logLine(event.message))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `now` is the invoker's wall clock, the one that stamped each environment's `createdAt`.
    static func environments(_ environments: [EnvironmentInfo], keepWarm: Duration, now: Date, width: Int, style: Style) -> String {
        let keepWarmSeconds = Double(keepWarm.components.seconds) + Double(keepWarm.components.attoseconds) / 1e18
        guard !environments.isEmpty else {
            return "No execution environments are running. The next invoke is a cold start. " + style.muted("(keep-warm: \(duration(keepWarmSeconds)))")
        }
        // Log stream names are 53 columns wide: in a narrow terminal they go under the table,
        // one line each, rather than being wrapped mid-name inside it.
        let streamsInTable = width >= 130
        var columns: [TextTable.Column] = [.init("environment"), .init("function"), .init("state"), .init("age", alignment: .right),
                                           .init("idle", alignment: .right), .init("invocations", alignment: .right),
                                           .init("peak memory", alignment: .right)]
        if streamsInTable { columns.append(.init("log stream")) }
        var table = TextTable(columns: columns)
        for environment in environments {
            // Idle and stopped between invocations, as Lambda freezes an environment.
            let state = environment.state == .idle && environment.frozen ? "frozen" : environment.state.rawValue
            table.add([String(environment.id.prefix(8)), environment.functionName, state,
                       duration(now.timeIntervalSince(environment.createdAt)),
                       environment.state == .idle ? duration(now.timeIntervalSince(environment.lastUsedAt)) : "–",
                       "\(environment.invocations)", "\(environment.peakMemoryMB) / \(environment.memorySizeMB) MB"]
                      + (streamsInTable ? [environment.logStreamName] : []))
        }
        var text = table.render(width: width, style: style)
        if !streamsInTable {
            text += "\n" + style.muted("log streams:")
            for environment in environments {
                text += "\n  " + String(environment.id.prefix(8)) + "  " + environment.logStreamName
            }
        }
        var notes = [style.muted("Idle environments stay warm for \(duration(keepWarmSeconds)); then the next invoke starts cold.")]
        if environments.contains(where: \.frozen) {
            notes.append(style.muted("Frozen: idle, with every process stopped until the next invocation, as Lambda freezes an environment."))
        }
        for reason in Set(environments.compactMap(\.isolationNote)).sorted() {
            notes.append(style.warning("Note:") + " \(reason).")
        }
        for note in notes { text += "\n" + TextWrapper.wrap(note, width: max(20, width)).joined(separator: "\n") }
        return text
    }

    static func configuration(_ configuration: FunctionConfiguration, style: Style) -> String {
        var rows: [(String, String)] = [
            ("FunctionName", configuration.functionName), ("FunctionArn", configuration.functionArn()),
            ("Runtime", configuration.runtime.identifier), ("Handler", configuration.handler),
            ("MemorySize", "\(configuration.memorySize) MB"), ("Timeout", "\(configuration.timeout) s"),
            ("EphemeralStorage", "\(configuration.ephemeralStorageMB) MB (/tmp)"),
            ("Network", configuration.network == .none
                ? "none: loopback only (the tutor's setting; on Lambda a function outside a VPC reaches the internet; network=host gives it this machine's network)"
                : "host: this machine's network (the tutor's setting): the internet and local services, without the sandbox's network isolation"),
            ("LastModified", configuration.lastModified), ("LogGroup", configuration.logGroupName),
        ]
        if !configuration.description.isEmpty { rows.append(("Description", configuration.description)) }
        for (index, arn) in configuration.layerArns.enumerated() { rows.append(("Layers", "\(index + 1). \(arn)")) }
        for (key, value) in configuration.environment.sorted(by: { $0.key < $1.key }) {
            rows.append(("Environment", "\(key)=\(value)"))
        }
        let labelWidth = rows.map(\.0.count).max() ?? 0
        return rows.map { "  " + style.muted($0.0.padding(toLength: labelWidth, withPad: " ", startingAt: 0)) + "  " + $0.1 }.joined(separator: "\n")
    }

    /// `45 s`, `3 min`, `1.5 h`.
    static func duration(_ seconds: Double) -> String {
        if seconds < 1 { return "\(Int((seconds * 1000).rounded())) ms" }
        if seconds < 120 { return "\(Int(seconds.rounded())) s" }
        if seconds < 7200 { return "\(Int((seconds / 60).rounded())) min" }
        return String(format: "%.1f h", seconds / 3600)
    }
}
