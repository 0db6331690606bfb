import Foundation

/// A line chart for the terminal: one or more series over the same x axis, with y-axis labels,
/// x-axis ticks and a legend, fitted to the width it is given.
///
/// In Unicode mode each character cell holds a 2 × 4 grid of braille dots, so a 60-column plot
/// shows 120 points across and four levels per row; in ASCII mode each cell is one point.
/// When there are more samples than dot columns, each column shows the range (lowest to highest)
/// of its samples, so a one-second spike in a day-long series is never lost.
package struct LineChart: Sendable {
    package enum Kind: Sendable, Hashable {
        /// A solid line joining the points.
        case line
        /// A dotted line, for limits and ceilings drawn behind the data.
        case dotted
    }

    package struct Series: Sendable {
        package var name: String
        /// One value per sample; `nan` leaves a gap.
        package var values: [Double]
        package var color: Style.Color?
        package var kind: Kind
        /// The character that draws this series in ASCII mode.
        package var ascii: Character

        package init(_ name: String, values: [Double], color: Style.Color? = nil, kind: Kind = .line, ascii: Character = "*") {
            self.name = name
            self.values = values
            self.color = color
            self.kind = kind
            self.ascii = ascii
        }
    }

    /// A labelled position on the x axis, by sample index.
    package struct Tick: Sendable, Hashable {
        package var index: Int
        package var label: String
        package init(index: Int, label: String) {
            self.index = index
            self.label = label
        }
    }

    package var title: String?
    package var series: [Series]
    /// Plot rows (the axis line and labels come on top of these).
    package var height: Int
    /// Top of the y axis; nil = a round number at or above the highest value.
    package var yMax: Double?
    package var xTicks: [Tick]
    /// Text at the right end of the tick row (the unit, `t →`).
    package var xCaption: String?

    package init(title: String? = nil, series: [Series], height: Int = 8, yMax: Double? = nil, xTicks: [Tick] = [], xCaption: String? = nil) {
        self.title = title
        self.series = series
        self.height = height
        self.yMax = yMax
        self.xTicks = xTicks
        self.xCaption = xCaption
    }

    /// Number of samples (the longest series).
    var sampleCount: Int { series.map(\.values.count).max() ?? 0 }

    /// The chart's lines, none wider than `width` columns.
    package func render(width: Int, style: Style, glyphs requested: ChartGlyphs) -> [String] {
        // Braille lines differ only by colour. Without colour, a chart with several lines (or
        // several dotted limits) is drawn in ASCII, where each series has its own character.
        let lineCount = series.filter { $0.kind == .line }.count
        let dottedCount = series.count - lineCount
        let glyphs: ChartGlyphs = requested == .unicode && !style.enabled && (lineCount > 1 || dottedCount > 1) ? .ascii : requested
        let rows = max(2, height)
        let top = yMax ?? ChartNumber.niceCeiling(series.flatMap(\.values).filter(\.isFinite).max() ?? 0)
        let dotsAcross = glyphs == .unicode ? 2 : 1
        let dotsDown = glyphs == .unicode ? 4 : 1
        let levels = rows * dotsDown
        // Labels: the top of the axis, and half of it on the row that holds that level.
        var labels = Array(repeating: "", count: rows)
        labels[0] = ChartNumber.compact(top)
        if rows >= 5 {
            let halfRow = rows - 1 - Int((0.5 * Double(levels - 1)).rounded()) / dotsDown
            if halfRow > 0, halfRow < rows - 1 { labels[halfRow] = ChartNumber.compact(top / 2) }
        }
        let zeroLabel = "0"
        let labelWidth = max(labels.map(\.count).max() ?? 1, zeroLabel.count)
        let plotWidth = max(4, width - labelWidth - 2)
        var canvas = DotCanvas(columns: plotWidth, rows: rows, dotsAcross: dotsAcross, dotsDown: dotsDown)
        let samples = sampleCount
        let dotColumns = plotWidth * dotsAcross

        func level(_ value: Double) -> Int {
            let clamped = min(max(value, 0), top)
            return top > 0 ? Int((clamped / top * Double(levels - 1)).rounded()) : 0
        }

        // Dotted series first, so the data is drawn over them.
        let order = series.indices.sorted { (series[$0].kind == .dotted ? 0 : 1, $0) < (series[$1].kind == .dotted ? 0 : 1, $1) }
        for index in order {
            let item = series[index]
            guard !item.values.isEmpty, samples > 0 else { continue }
            var previous: Int?
            for column in 0..<dotColumns {
                let first = column * samples / dotColumns
                let last = max(first, (column + 1) * samples / dotColumns - 1)
                var low = Double.infinity, high = -Double.infinity, latest = Double.nan
                if first < item.values.count {
                    for sample in first...min(last, item.values.count - 1) {
                        let value = item.values[sample]
                        guard value.isFinite else { continue }
                        low = min(low, value)
                        high = max(high, value)
                        latest = value
                    }
                }
                guard low.isFinite else {
                    previous = nil
                    continue
                }
                switch item.kind {
                case .dotted:
                    if column % 2 == 0 { canvas.set(column: column, level: level(high), series: index) }
                case .line:
                    var from = level(low), to = level(high)
                    if let previous {
                        from = min(from, previous)
                        to = max(to, previous)
                    }
                    for dot in from...to { canvas.set(column: column, level: dot, series: index) }
                    previous = level(latest)
                }
            }
        }

        var lines: [String] = []
        if let title { lines.append(style.bold(title)) }
        for row in 0..<rows {
            let label = labels[row]
            let axis = glyphs.axisVertical
            var text = ""
            var run = ""
            var runSeries: Int? = -1
            func flush() {
                guard !run.isEmpty else { return }
                if let owner = runSeries, owner >= 0, let color = series[owner].color {
                    text += style.color(color, run)
                } else {
                    text += run
                }
                run = ""
            }
            for column in 0..<plotWidth {
                let (character, owner) = canvas.cell(column: column, row: row, glyphs: glyphs, ascii: { series[$0].ascii })
                if owner != runSeries {
                    flush()
                    runSeries = owner
                }
                run.append(character)
            }
            flush()
            var line = DisplayWidth.pad(label, to: labelWidth, alignment: .right) + " " + axis + text
            while line.hasSuffix(" ") { line.removeLast() }
            lines.append(line)
        }
        // The x axis, with the zero of the y axis at its left end.
        var axisLine = Array(repeating: glyphs.axisHorizontal, count: plotWidth)
        var tickRow = Array(repeating: Character(" "), count: plotWidth + labelWidth + 2)
        var nextFree = 0
        for tick in xTicks where samples > 0 {
            let column = min(plotWidth - 1, tick.index * plotWidth / max(1, samples))
            // A label that would run past the right edge ends at it instead.
            let start = min(labelWidth + 2 + column, tickRow.count - tick.label.count)
            guard start >= nextFree, start >= 0 else { continue }
            axisLine[column] = glyphs.axisTick
            for (offset, character) in tick.label.enumerated() { tickRow[start + offset] = character }
            nextFree = start + tick.label.count + 2
        }
        lines.append(DisplayWidth.pad(zeroLabel, to: labelWidth, alignment: .right) + " " + glyphs.axisCorner + style.muted(String(axisLine)))
        var ticks = String(tickRow)
        while ticks.hasSuffix(" ") { ticks.removeLast() }
        if let xCaption, DisplayWidth.of(ticks) + xCaption.count + 2 <= width {
            ticks = DisplayWidth.pad(ticks, to: width - xCaption.count) + xCaption
        }
        if !ticks.trimmingCharacters(in: .whitespaces).isEmpty { lines.append(style.muted(ticks)) }
        lines.append(contentsOf: legend(width: width, style: style, glyphs: glyphs))
        return lines
    }

    /// `━ concurrency  ┄ reserved 800`, wrapped to the width.
    func legend(width: Int, style: Style, glyphs: ChartGlyphs) -> [String] {
        var lines: [String] = []
        var current = String(repeating: " ", count: 2)
        var currentWidth = 2
        for item in series {
            let mark: String
            switch (glyphs, item.kind) {
            case (.unicode, .line): mark = "━"
            case (.unicode, .dotted): mark = "┄"
            case (.ascii, _): mark = String(item.ascii)
            }
            let coloured = item.color.map { style.color($0, mark) } ?? mark
            let entryWidth = 2 + DisplayWidth.of(item.name)
            if currentWidth > 2, currentWidth + 2 + entryWidth > width {
                lines.append(current)
                current = "  "
                currentWidth = 2
            }
            if currentWidth > 2 {
                current += "  "
                currentWidth += 2
            }
            current += coloured + " " + item.name
            currentWidth += entryWidth
        }
        if currentWidth > 2 { lines.append(current) }
        return lines
    }
}
