/// A fixed-width bar for a share done (a lesson, the course): block characters in eighths in
/// Unicode mode (`█████▍░░░░`), `#` and `-` in ASCII mode (`#####-----`), so the bar is plain
/// text under NO_COLOR, `TERM=dumb` and in scripts.
package struct ProgressBar: Sendable {
    package var fraction: Double
    package var width: Int

    package init(_ fraction: Double, width: Int = 10) {
        self.fraction = fraction.isFinite ? min(1, max(0, fraction)) : 0
        self.width = max(1, width)
    }

    package func render(style: Style, glyphs: ChartGlyphs) -> String {
        switch glyphs {
        case .unicode:
            let eighths = Int((fraction * Double(width * 8)).rounded(.down))
            var filled = String(repeating: "█", count: eighths / 8)
            if eighths % 8 > 0, filled.count < width { filled.append(BarChart.eighths[eighths % 8 - 1]) }
            let empty = String(repeating: "░", count: width - filled.count)
            return style.success(filled) + style.muted(empty)
        case .ascii:
            // Rounded down, so only a finished lesson shows a full bar.
            let filled = Int((fraction * Double(width)).rounded(.down))
            return String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        }
    }
}
