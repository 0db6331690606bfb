import Foundation
import Testing
import TestSupport
@testable import TerminalUI

@Suite("Charts")
struct ChartTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static let ramp: [Double] = (0..<120).map { t in min(800, Double(t) * 20) }
    static var sample: LineChart {
        LineChart(title: "Concurrency", series: [
            .init("reserved 800", values: Array(repeating: 800, count: 120), color: .red, kind: .dotted, ascii: "="),
            .init("concurrency", values: ramp, color: .cyan, ascii: "*"),
        ], height: 6, xTicks: [.init(index: 0, label: "0s"), .init(index: 60, label: "1m"), .init(index: 119, label: "2m")], xCaption: "t")
    }

    @Test("A line chart in braille, with axis labels, ticks and a legend (golden)")
    func brailleGolden() throws {
        let text = Self.sample.render(width: 60, style: .plain, glyphs: .unicode).joined(separator: "\n") + "\n"
        try GoldenFile.check(text, name: "chart-braille-60.txt", folder: Self.golden)
    }

    @Test("The same chart in plain ASCII (golden)")
    func asciiGolden() throws {
        let text = Self.sample.render(width: 60, style: .plain, glyphs: .ascii).joined(separator: "\n") + "\n"
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
        try GoldenFile.check(text, name: "chart-ascii-60.txt", folder: Self.golden)
    }

    @Test("No line is wider than the width given, at any width", arguments: [24, 40, 61, 80, 132])
    func fitsWidth(width: Int) {
        for glyphs in [ChartGlyphs.unicode, .ascii] {
            for line in Self.sample.render(width: width, style: .ansi, glyphs: glyphs) {
                #expect(DisplayWidth.of(line) <= width, "\(glyphs) \(width): \(line)")
            }
        }
    }

    @Test("Colours only when the style has them; ASCII mode never emits braille")
    func colour() {
        let plain = Self.sample.render(width: 60, style: .plain, glyphs: .unicode).joined()
        #expect(!plain.contains("\u{1B}["))
        let ansi = Self.sample.render(width: 60, style: .ansi, glyphs: .unicode).joined()
        #expect(ansi.contains("\u{1B}[36m"))
        let ascii = Self.sample.render(width: 60, style: .ansi, glyphs: .ascii).joined()
        #expect(!ascii.unicodeScalars.contains { (0x2800...0x28FF).contains($0.value) })
    }

    @Test("A one-sample spike in a long series is still drawn when columns are squeezed")
    func spikeSurvives() {
        var values = Array(repeating: 0.0, count: 10_000)
        values[5_432] = 100
        let chart = LineChart(series: [.init("x", values: values, ascii: "*")], height: 4)
        let lines = chart.render(width: 40, style: .plain, glyphs: .ascii)
        #expect(lines[0].contains("*"), "\(lines.joined(separator: "\n"))")
    }

    @Test("The y axis ends on a round number")
    func niceCeiling() {
        #expect(ChartNumber.niceCeiling(800) == 800)
        #expect(ChartNumber.niceCeiling(801) == 1_000)
        #expect(ChartNumber.niceCeiling(9_001) == 10_000)
        #expect(ChartNumber.niceCeiling(1_100) == 1_200)
        #expect(ChartNumber.niceCeiling(0) == 1)
        #expect(ChartNumber.compact(20_000) == "20k")
        #expect(ChartNumber.compact(1_500) == "1,500")
        #expect(ChartNumber.compact(12_500) == "12.5k")
        #expect(ChartNumber.compact(2_600_000_000) == "2.6B")
    }

    @Test("Glyphs follow the locale and NO_COLOR")
    func detection() {
        #expect(ChartGlyphs.detect(environment: ["LANG": "C.UTF-8"]) == .unicode)
        #expect(ChartGlyphs.detect(environment: ["LANG": "en_US.utf8"]) == .unicode)
        #expect(ChartGlyphs.detect(environment: ["LC_ALL": "C", "LANG": "en_US.UTF-8"]) == .ascii)
        #expect(ChartGlyphs.detect(environment: ["LC_CTYPE": "de_DE.UTF-8"]) == .unicode)
        #expect(ChartGlyphs.detect(environment: [:]) == .ascii)
        #expect(ChartGlyphs.detect(environment: ["LANG": "C.UTF-8", "NO_COLOR": "1"]) == .ascii)
        #expect(ChartGlyphs.detect(environment: ["LANG": "C.UTF-8", "TERM": "dumb"]) == .ascii)
    }

    @Test("Sparklines and bars, in both glyph sets")
    func sparklinesAndBars() {
        #expect(Sparkline.render([0, 1, 2, 3, 4, 5, 6, 7], width: 8, glyphs: .unicode) == "▁▂▃▄▅▆▇█")
        #expect(Sparkline.render([0, 7], width: 8, glyphs: .ascii) == "_#")
        #expect(Sparkline.render(Array(repeating: 1, count: 100), width: 10, glyphs: .unicode).count == 10)
        let bars = BarChart(bars: [.init("on-demand", value: 100, text: "$100.00"), .init("provisioned", value: 50, text: "$50.00")])
        let lines = bars.render(width: 40, style: .plain, glyphs: .unicode)
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 40 })
        #expect(lines[0].hasSuffix("$100.00"))
        let ascii = bars.render(width: 40, style: .plain, glyphs: .ascii)
        #expect(ascii[1].contains("#"))
        #expect(ascii.joined().unicodeScalars.allSatisfy { $0.isASCII })
    }
}
