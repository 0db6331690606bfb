/// A one-line trend (`▁▂▅█▇▃`), for tables and summaries: the `results` history, a metric
/// beside its number, the shape of a simulated run.
package enum Sparkline {
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static let asciiLevels: [Character] = ["_", ".", "-", "~", "=", "+", "*", "#"]

    /// `values` squeezed (each character the highest of its share) or spread to `width`
    /// characters; the scale runs from 0 (or the lowest value, if negative) to `maximum` (default:
    /// the highest value).
    package static func render(_ values: [Double], width: Int, glyphs: ChartGlyphs, maximum: Double? = nil) -> String {
        let finite = values.filter(\.isFinite)
        guard !finite.isEmpty, width > 0 else { return "" }
        let columns = min(width, values.count)
        let low = min(0, finite.min() ?? 0)
        let high = max(maximum ?? (finite.max() ?? 0), low)
        let levels = glyphs == .unicode ? blocks : asciiLevels
        var text = ""
        for column in 0..<columns {
            let first = column * values.count / columns
            let last = max(first, (column + 1) * values.count / columns - 1)
            let peak = values[first...last].filter(\.isFinite).max()
            guard let peak else {
                text.append(" ")
                continue
            }
            let share = high > low ? (peak - low) / (high - low) : 0
            text.append(levels[min(levels.count - 1, max(0, Int((share * Double(levels.count - 1)).rounded())))])
        }
        return text
    }
}

/// Horizontal bars with labels and values, for comparing a few numbers (two bills, scores by
/// domain). Block characters in eighths in Unicode mode, `#` in ASCII mode.
package struct BarChart: Sendable {
    package struct Bar: Sendable {
        package var label: String
        package var value: Double
        /// Shown after the bar; defaults to the compact number.
        package var text: String?
        package var color: Style.Color?

        package init(_ label: String, value: Double, text: String? = nil, color: Style.Color? = nil) {
            self.label = label
            self.value = value
            self.text = text
            self.color = color
        }
    }

    package var bars: [Bar]
    /// The value a full-width bar stands for; nil = the largest bar.
    package var maximum: Double?

    package init(bars: [Bar], maximum: Double? = nil) {
        self.bars = bars
        self.maximum = maximum
    }

    static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]

    package func render(width: Int, style: Style, glyphs: ChartGlyphs) -> [String] {
        guard !bars.isEmpty else { return [] }
        let labelWidth = bars.map { DisplayWidth.of($0.label) }.max() ?? 0
        let texts = bars.map { $0.text ?? ChartNumber.compact($0.value) }
        let textWidth = texts.map { DisplayWidth.of($0) }.max() ?? 0
        let barWidth = max(4, width - labelWidth - textWidth - 4)
        let top = maximum ?? (bars.map(\.value).max() ?? 0)
        return bars.enumerated().map { index, bar in
            let share = top > 0 ? min(1, max(0, bar.value / top)) : 0
            var drawn = ""
            if glyphs == .unicode {
                let eighthsTotal = Int((share * Double(barWidth * 8)).rounded())
                drawn = String(repeating: "█", count: eighthsTotal / 8)
                if eighthsTotal % 8 > 0 { drawn.append(Self.eighths[eighthsTotal % 8 - 1]) }
            } else {
                drawn = String(repeating: "#", count: Int((share * Double(barWidth)).rounded()))
            }
            let padded = DisplayWidth.pad(drawn, to: barWidth)
            let coloured = bar.color.map { style.color($0, padded) } ?? padded
            var line = DisplayWidth.pad(bar.label, to: labelWidth) + "  " + coloured + "  " + texts[index]
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }
}
