/// Reads a traffic profile from CSV text: one rate per simulated second.
///
/// Accepted rows: `rps` alone (row order is time), or `t,rps` with t in whole seconds (gaps are
/// zero; rows must go forward). A first row that is not numeric is a header. Blank lines and
/// lines starting with `#` are skipped. Errors carry the line and column of the mistake; the
/// caller adds the path. No file access here: the app reads the file.
package enum TrafficCSV {
    /// Longest profile accepted: 31 days, one row per second.
    package static let maxSeconds = 31 * 86_400

    package static func parse(_ text: String) throws(SimulationError) -> TrafficProfile {
        var rates: [Double] = []
        var sawData = false
        var lineNumber = 0
        var mode: Int?  // 1 or 2 columns, fixed by the first data row
        // `\r\n` is one Character in Swift, and a newline like `\n`.
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            let trimmed = line.trimmingSpaces
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = splitFields(line)
            if !sawData, fields.allSatisfy({ Double($0.text) == nil }) {
                sawData = true  // a header row
                continue
            }
            sawData = true
            if mode == nil { mode = fields.count >= 2 ? 2 : 1 }
            guard fields.count == mode else {
                throw SimulationError("traffic.csv", "expected \(mode == 2 ? "two columns (t,rps)" : "one column (rps)"), found \(fields.count)",
                                      line: lineNumber, column: 1)
            }
            let rateField = fields[fields.count - 1]
            guard let rate = Double(rateField.text), rate.isFinite, rate >= 0 else {
                throw SimulationError("traffic.csv", "'\(rateField.text)' is not a rate (requests per second, zero or more)",
                                      line: lineNumber, column: rateField.column)
            }
            if mode == 2 {
                let timeField = fields[0]
                guard let t = Int(timeField.text), t >= 0 else {
                    throw SimulationError("traffic.csv", "'\(timeField.text)' is not a time in whole seconds", line: lineNumber, column: timeField.column)
                }
                guard t >= rates.count else {
                    throw SimulationError("traffic.csv", "time \(t) s comes after \(rates.count - 1) s; rows must go forward in time",
                                          line: lineNumber, column: timeField.column)
                }
                guard t < maxSeconds else {
                    throw SimulationError("traffic.csv", "time \(t) s is beyond the longest profile (31 days)", line: lineNumber, column: timeField.column)
                }
                while rates.count < t { rates.append(0) }
            } else if rates.count >= maxSeconds {
                throw SimulationError("traffic.csv", "more than 31 days of rows (one per second)", line: lineNumber, column: 1)
            }
            rates.append(rate)
        }
        guard !rates.isEmpty else {
            throw SimulationError("traffic.csv", "no rows with a rate", line: max(1, lineNumber), column: 1)
        }
        return .series(rates)
    }

    struct Field {
        let text: String
        let column: Int
    }

    /// Comma-separated fields with their 1-based start columns, spaces trimmed.
    static func splitFields(_ line: Substring) -> [Field] {
        var fields: [Field] = []
        var start = line.startIndex
        var column = 1
        var startColumn = 1
        var index = line.startIndex
        while true {
            if index == line.endIndex || line[index] == "," {
                let raw = line[start..<index]
                let leading = raw.prefix(while: { $0 == " " || $0 == "\t" }).count
                fields.append(Field(text: String(raw.trimmingSpaces), column: startColumn + leading))
                if index == line.endIndex { break }
                index = line.index(after: index)
                column += 1
                start = index
                startColumn = column
                continue
            }
            index = line.index(after: index)
            column += 1
        }
        return fields
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while let first = s.first, first == " " || first == "\t" { s = s.dropFirst() }
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return s
    }
}
