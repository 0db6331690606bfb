import Foundation

/// The platform's own CloudWatch lines, byte for byte as Lambda writes them
/// (`shared/reference/lambda-wire-contracts.md` §3): fields separated by TAB except inside
/// `START`, Duration with 2 decimals, Billed Duration as an integer.
package enum LogFormatter {
    package static func start(requestID: String, version: String = FunctionVersion.latest) -> String {
        "START RequestId: \(requestID) Version: \(version)"
    }

    package static func end(requestID: String) -> String {
        "END RequestId: \(requestID)"
    }

    /// `REPORT` with the fields in AWS's fixed order; `Init Duration` only on cold starts,
    /// `Status` only when the invocation did not end normally.
    package static func report(requestID: String, durationMs: Double, billedMs: Int, memorySizeMB: Int, maxMemoryUsedMB: Int,
                              initDurationMs: Double?, status: InvocationResult.Status, errorType: String? = nil) -> String {
        var fields = [
            "REPORT RequestId: \(requestID)",
            "Duration: \(milliseconds(durationMs)) ms",
            "Billed Duration: \(billedMs) ms",
            "Memory Size: \(memorySizeMB) MB",
            "Max Memory Used: \(maxMemoryUsedMB) MB",
        ]
        if let initDurationMs { fields.append("Init Duration: \(milliseconds(initDurationMs)) ms") }
        switch status {
        case .success, .functionError: break
        case .timeout: fields.append("Status: timeout")
        case .platformError:
            fields.append("Status: error")
            if let errorType { fields.append("Error Type: \(errorType)") }
        }
        return fields.joined(separator: "\t")
    }

    package static func initStart(runtime: FunctionRuntime) -> String {
        "INIT_START Runtime Version: \(runtimeVersion(runtime))\tRuntime Version ARN: \(runtimeVersionArn(runtime))"
    }

    /// `python:3.12.mini1`: the runtime's version label, the tutor's own build number.
    static func runtimeVersion(_ runtime: FunctionRuntime) -> String { "\(runtime.versionLabel).mini1" }

    static func runtimeVersionArn(_ runtime: FunctionRuntime) -> String {
        "arn:aws:lambda:\(LambdaIdentity.region)::runtime:\(runtimeHash(runtime.identifier))"
    }

    /// `INIT_REPORT`, written when INIT fails or times out (`Phase: init` on the first try,
    /// `Phase: invoke` when Lambda retries it inside the invocation).
    package static func initReport(durationMs: Double, phase: String, status: String, errorType: String?) -> String {
        var fields = ["INIT_REPORT Init Duration: \(milliseconds(durationMs)) ms", "Phase: \(phase)", "Status: \(status)"]
        if let errorType { fields.append("Error Type: \(errorType)") }
        return fields.joined(separator: "\t")
    }

    /// `2026-06-25T19:22:58.186Z 160788cd-… Task timed out after 3.00 seconds`.
    package static func timedOut(requestID: String, seconds: Double, at date: Date) -> String {
        "\(isoTimestamp(date)) \(requestID) Task timed out after \(String(format: "%.2f", seconds)) seconds"
    }

    /// `RequestId: … Error: Runtime exited with error: exit status 1`.
    package static func exited(requestID: String, reason: String) -> String {
        "RequestId: \(requestID) Error: \(reason)"
    }

    /// `YYYY/MM/DD/[$LATEST]<32 hex>`: one stream per execution environment.
    package static func logStreamName(environmentID: String, created: Date, version: String = FunctionVersion.latest) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy/MM/dd"
        return "\(formatter.string(from: created))/[\(version)]\(environmentID)"
    }

    /// `27.55` for 27.549 ms.
    /// Written by hand for ordinary values (every REPORT has two or three), through
    /// `String(format:)` where the hundredths sit on a rounding boundary, so the text is always
    /// printf's.
    package static func milliseconds(_ value: Double) -> String {
        let hundredths = value * 100
        guard value.isFinite, value >= 0, hundredths < 1e9,
              abs(hundredths - hundredths.rounded(.down) - 0.5) > 1e-6 else { return String(format: "%.2f", value) }
        let whole = Int(hundredths.rounded(.toNearestOrAwayFromZero))
        let fraction = whole % 100
        return "\(whole / 100)." + (fraction < 10 ? "0" : "") + String(fraction)
    }

    /// `2026-11-23T18:20:11.881Z`.
    package static func isoTimestamp(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let millis = Int((date.timeIntervalSince1970 * 1000).rounded(.down)) % 1000
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
                      Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), millis)
    }

    /// A stable 64-hex stand-in for the runtime version hash in the ARN (FNV-1a, widened).
    static func runtimeHash(_ text: String) -> String {
        var parts: [String] = []
        for salt in 0..<4 {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325 &+ UInt64(salt)
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
            parts.append(String(format: "%016llx", hash))
        }
        return parts.joined()
    }

    /// Splits captured output into log lines (a trailing partial line counts as a line).
    static func lines(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}
