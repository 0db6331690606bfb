/// A grid of dots behind a chart: braille (2 × 4 dots per character) or one dot per character,
/// remembering which series drew each cell last so it can be coloured.
struct DotCanvas: Sendable {
    let columns: Int
    let rows: Int
    let dotsAcross: Int
    let dotsDown: Int
    private var bits: [UInt8]
    private var owners: [Int]

    init(columns: Int, rows: Int, dotsAcross: Int, dotsDown: Int) {
        self.columns = columns
        self.rows = rows
        self.dotsAcross = dotsAcross
        self.dotsDown = dotsDown
        bits = Array(repeating: 0, count: columns * rows)
        owners = Array(repeating: -1, count: columns * rows)
    }

    /// Braille dot bits by (x, y) within a cell, y = 0 at the top (Unicode's dot numbering).
    private static let braille: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

    /// Sets the dot at dot column `column` and level `level` (0 = bottom of the plot).
    mutating func set(column: Int, level: Int, series: Int) {
        guard column >= 0, column < columns * dotsAcross, level >= 0, level < rows * dotsDown else { return }
        let cellColumn = column / dotsAcross
        let fromTop = rows * dotsDown - 1 - level
        let cellRow = fromTop / dotsDown
        let index = cellRow * columns + cellColumn
        if dotsAcross == 2 {
            bits[index] |= Self.braille[column % 2][fromTop % dotsDown]
        } else {
            bits[index] = 1
        }
        owners[index] = series
    }

    /// The character of a cell and the series that owns it (nil for an empty cell).
    func cell(column: Int, row: Int, glyphs: ChartGlyphs, ascii: (Int) -> Character) -> (Character, Int?) {
        let index = row * columns + column
        guard bits[index] != 0 else { return (" ", nil) }
        let owner = owners[index]
        if dotsAcross == 2 {
            return (Character(Unicode.Scalar(0x2800 + UInt32(bits[index]))!), owner)
        }
        return (ascii(owner), owner)
    }
}
