import Foundation

/// Number formatting used across lessons, calculators and questions. Locale-independent on
/// purpose: a trainer's room must see the same digits on every machine.
package enum Number {
    /// `10240` → `10,240`; keeps up to 4 significant decimals and drops trailing zeros.
    package static func grouped(_ value: Double) -> String {
        let negative = value < 0
        let magnitude = abs(value)
        var integer = magnitude.rounded(.towardZero)
        var fraction = magnitude - integer
        var decimals = ""
        if fraction > 0.0000001 {
            var text = String(format: "%.4f", fraction)
            if text.hasPrefix("1") {  // rounding carried into the integer part
                integer += 1
                fraction = 0
                text = ""
            } else {
                text = String(text.dropFirst(1))  // ".xxxx"
                while text.hasSuffix("0") { text.removeLast() }
                if text == "." { text = "" }
            }
            decimals = text
        }
        let digits = String(format: "%.0f", integer)
        var out = ""
        for (index, ch) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (negative ? "-" : "") + out + decimals
    }

    /// Fixed decimals without grouping: `fixed(0.2, 2)` → `0.20`.
    package static func fixed(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }

    /// Fixed decimals with thousands separators: `money(1234.5)` → `1,234.50`.
    package static func money(_ value: Double, decimals: Int = 2) -> String {
        let rounded = (value * pow(10, Double(decimals))).rounded() / pow(10, Double(decimals))
        let text = String(format: "%.\(decimals)f", abs(rounded))
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let intPart = String(parts[0])
        var grouped = ""
        for (index, ch) in intPart.enumerated() {
            if index > 0, (intPart.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(ch)
        }
        let sign = rounded < 0 ? "-" : ""
        return parts.count > 1 ? "\(sign)\(grouped).\(parts[1])" : "\(sign)\(grouped)"
    }

    /// The shortest decimal text that round-trips (prices like 0.0000166667).
    package static func plain(_ value: Double) -> String {
        var text = String(format: "%.10f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
