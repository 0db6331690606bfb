/// Which characters charts draw with.
///
/// Unicode braille and block characters give four times the resolution of plain text, but they
/// need a UTF-8 terminal and a font that has them. Plain ASCII is used when the locale is not
/// UTF-8, for `TERM=dumb`, and under `NO_COLOR` (people who ask for plain output usually want
/// it plain all the way, e.g. for screen readers and logs).
package enum ChartGlyphs: String, Sendable, Hashable {
    case unicode
    case ascii

    package static func detect(environment: [String: String]) -> ChartGlyphs {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .ascii }
        if environment["TERM"] == "dumb" { return .ascii }
        // The locale that decides character encoding: LC_ALL, then LC_CTYPE, then LANG.
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
        let lower = locale.lowercased()
        return lower.contains("utf-8") || lower.contains("utf8") ? .unicode : .ascii
    }

    var axisVertical: String { self == .unicode ? "┤" : "|" }
    var axisCorner: String { self == .unicode ? "┼" : "+" }
    var axisHorizontal: Character { self == .unicode ? "─" : "-" }
    var axisTick: Character { self == .unicode ? "┬" : "+" }
}

/// Number labels for axes: short and locale-independent (`950`, `1,500`, `20k`, `1.2M`).
package enum ChartNumber {
    package static func compact(_ value: Double) -> String {
        let magnitude = abs(value)
        let sign = value < 0 ? "-" : ""
        func trimmed(_ x: Double) -> String {
            let rounded = (x * 10).rounded() / 10
            return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
        }
        if magnitude < 1_000 { return sign + trimmed(magnitude) }
        if magnitude < 10_000 {
            let whole = Int(magnitude.rounded())
            return sign + "\(whole / 1000),\(String(format3(whole % 1000)))"
        }
        if magnitude < 1_000_000 { return sign + trimmed(magnitude / 1_000) + "k" }
        if magnitude < 1_000_000_000 { return sign + trimmed(magnitude / 1_000_000) + "M" }
        return sign + trimmed(magnitude / 1_000_000_000) + "B"
    }

    private static func format3(_ n: Int) -> String {
        let text = String(n)
        return String(repeating: "0", count: max(0, 3 - text.count)) + text
    }

    /// The smallest "round" number at or above `value` (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10ⁿ),
    /// so an axis ends on a number people read at a glance.
    package static func niceCeiling(_ value: Double) -> Double {
        guard value > 0, value.isFinite else { return 1 }
        var power = 1.0
        while power * 10 <= value { power *= 10 }
        while power > value { power /= 10 }
        for step in [1.0, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10] where step * power >= value * (1 - 1e-12) {
            return step * power
        }
        return 10 * power
    }
}
