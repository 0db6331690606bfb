import Foundation

/// Reads the numbers learners type: `5M` requests, `300ms`, `1.5s`, `2GB`, `10,000`.
enum Quantity {
    /// A count with an optional k/M/B suffix (`5M` = 5,000,000).
    static func count(_ text: String, _ what: String) throws(CommandError) -> Double {
        let cleaned = text.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "_", with: "")
        let multipliers: [(String, Double)] = [("k", 1e3), ("K", 1e3), ("M", 1e6), ("m", 1e6), ("B", 1e9), ("b", 1e9)]
        for (suffix, factor) in multipliers where cleaned.hasSuffix(suffix) {
            if let value = Double(cleaned.dropLast()), value >= 0 { return value * factor }
        }
        guard let value = Double(cleaned), value >= 0, value.isFinite else {
            throw CommandError("\(what) must be a number such as 200, 5000 or 5M, got '\(text)'")
        }
        return value
    }

    /// A duration in seconds from `300ms`, `0.3s`, `2min`, `1h`; a bare number is milliseconds.
    static func seconds(_ text: String, _ what: String) throws(CommandError) -> Double {
        let lower = text.lowercased().replacingOccurrences(of: ",", with: "")
        let units: [(String, Double)] = [("ms", 0.001), ("min", 60), ("s", 1), ("m", 60), ("h", 3600)]
        for (suffix, factor) in units where lower.hasSuffix(suffix) {
            if let value = Double(lower.dropLast(suffix.count)), value >= 0, value.isFinite { return value * factor }
        }
        guard let value = Double(lower), value >= 0, value.isFinite else {
            throw CommandError("\(what) must be a duration such as 300ms, 1.5s or 2min, got '\(text)'")
        }
        return value / 1000
    }

    /// Megabytes from `1024`, `1024MB`, `1GB` (1 GB = 1,024 MB, as Lambda counts).
    static func megabytes(_ text: String, _ what: String) throws(CommandError) -> Int {
        let lower = text.lowercased().replacingOccurrences(of: ",", with: "")
        if lower.hasSuffix("gb"), let value = Double(lower.dropLast(2)), value > 0 { return Int((value * 1024).rounded()) }
        let digits = lower.hasSuffix("mb") ? String(lower.dropLast(2)) : lower
        guard let value = Int(digits), value > 0 else {
            throw CommandError("\(what) must be a size in MB such as 512 or 1GB, got '\(text)'")
        }
        return value
    }
}
