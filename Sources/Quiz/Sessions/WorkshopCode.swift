/// A code a trainer writes on the whiteboard so the whole room gets one quiz or exam: the same
/// questions, in the same order, with the same shuffles and generated numbers.
///
/// It holds the selection (banks, topics and domains, by their place in the sorted lists of the
/// loaded content), the count, the exam preset and a seed, plus a fingerprint of the selected
/// questions' ids, so a learner whose banks differ from the trainer's is told so instead of
/// silently getting other questions. Written in Crockford's base32 (no I, L, O or U; case and
/// hyphens do not matter) with a check character, so a mistyped code is caught.
package struct WorkshopCode: Sendable, Hashable {
    package enum Kind: Sendable, Hashable {
        case quiz
        /// An exam with the preset at this index of ``ExamPreset/all``.
        case exam(preset: Int)
    }

    package enum Selector: Sendable, Hashable {
        case bank(Int), topic(Int), domain(Int)
    }

    package var kind: Kind
    package var count: Int
    /// 24 bits, so the code stays short.
    package var seed: UInt64
    package var selectors: [Selector]
    /// A 10-bit hash of the selected pool's question ids.
    package var fingerprint: Int

    package static let maxCount = 511
    package static let seedBits = 24
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    package init(kind: Kind, count: Int, seed: UInt64, selectors: [Selector], fingerprint: Int) {
        self.kind = kind
        self.count = min(max(count, 1), Self.maxCount)
        self.seed = seed & ((1 << UInt64(Self.seedBits)) - 1)
        self.selectors = selectors
        self.fingerprint = fingerprint & 0x3FF
    }

    /// The 10-bit fingerprint of a pool (FNV-1a over the sorted ids).
    package static func fingerprint(of ids: [String]) -> Int {
        var hash: UInt32 = 2_166_136_261
        for id in ids.sorted() {
            for byte in id.utf8 + [0] {
                hash ^= UInt32(byte)
                hash = hash &* 16_777_619
            }
        }
        return Int((hash ^ (hash >> 10) ^ (hash >> 20)) & 0x3FF)
    }

    // MARK: - Text

    /// `7KQ2-M4XD-9RTB-H`: groups of four, the last character the check.
    package var text: String {
        var bits = BitWriter()
        bits.write(1, 2)  // version
        switch kind {
        case .quiz: bits.write(0, 3)
        case .exam(let preset): bits.write(UInt64(min(preset + 1, 7)), 3)
        }
        bits.write(UInt64(count), 9)
        bits.write(seed, Self.seedBits)
        bits.write(UInt64(fingerprint), 10)
        for selector in selectors {
            switch selector {
            case .bank(let index): bits.write(1, 2); bits.write(UInt64(index & 0xFF), 8)
            case .topic(let index): bits.write(2, 2); bits.write(UInt64(index & 0xFF), 8)
            case .domain(let index): bits.write(3, 2); bits.write(UInt64(index & 0xFF), 8)
            }
        }
        var symbols = bits.symbols()
        symbols.append(Self.check(symbols))
        let characters = symbols.map { Self.alphabet[$0] }
        return stride(from: 0, to: characters.count, by: 4).map { String(characters[$0..<min($0 + 4, characters.count)]) }.joined(separator: "-")
    }

    /// Reads a code as typed; the error says whether it is mistyped or from another version.
    package static func parse(_ typed: String) throws(QuizError) -> WorkshopCode {
        var symbols: [Int] = []
        for character in typed.uppercased() where character != "-" && character != " " {
            let normalized: Character = character == "O" ? "0" : (character == "I" || character == "L") ? "1" : character
            guard let value = alphabet.firstIndex(of: normalized) else {
                throw QuizError(.workshopCode, "'\(character)' cannot be in a workshop code (it uses digits and letters other than I, L, O and U)",
                                hint: "check the code on the board")
            }
            symbols.append(value)
        }
        guard symbols.count >= 11, let checkSymbol = symbols.popLast(), check(symbols) == checkSymbol else {
            throw QuizError(.workshopCode, "'\(typed)' is not a valid workshop code (a character is mistyped or missing)", hint: "check the code on the board")
        }
        var reader = BitReader(symbols: symbols)
        guard reader.read(2) == 1 else {
            throw QuizError(.workshopCode, "this workshop code was made by another version of lambda-tutor", hint: "ask the trainer for a code from this version")
        }
        let kindValue = Int(reader.read(3))
        let count = Int(reader.read(9))
        let seed = reader.read(seedBits)
        let fingerprint = Int(reader.read(10))
        var selectors: [Selector] = []
        while reader.remaining >= 10 {
            let tag = reader.read(2)
            let index = Int(reader.read(8))
            switch tag {
            case 1: selectors.append(.bank(index))
            case 2: selectors.append(.topic(index))
            case 3: selectors.append(.domain(index))
            default: reader.remaining = 0  // padding
            }
        }
        return WorkshopCode(kind: kindValue == 0 ? .quiz : .exam(preset: kindValue - 1), count: count, seed: seed,
                            selectors: selectors, fingerprint: fingerprint)
    }

    /// A weighted sum with odd weights, mod 32: any one mistyped character changes it.
    static func check(_ symbols: [Int]) -> Int {
        symbols.enumerated().reduce(0) { ($0 + $1.element * (2 * $1.offset + 1)) % 32 }
    }

    struct BitWriter {
        var bits: [Bool] = []
        mutating func write(_ value: UInt64, _ width: Int) {
            for shift in stride(from: width - 1, through: 0, by: -1) { bits.append((value >> UInt64(shift)) & 1 == 1) }
        }
        /// 5-bit symbols; the last is padded with zeros (a zero tag ends the selectors).
        func symbols() -> [Int] {
            stride(from: 0, to: bits.count, by: 5).map { start in
                (0..<5).reduce(0) { $0 << 1 | (start + $1 < bits.count && bits[start + $1] ? 1 : 0) }
            }
        }
    }

    struct BitReader {
        var bits: [Bool]
        var position = 0
        var remaining: Int
        init(symbols: [Int]) {
            bits = symbols.flatMap { symbol in (0..<5).map { (symbol >> (4 - $0)) & 1 == 1 } }
            remaining = bits.count
        }
        mutating func read(_ width: Int) -> UInt64 {
            var value: UInt64 = 0
            for _ in 0..<width {
                value = value << 1 | (position < bits.count && bits[position] ? 1 : 0)
                position += 1
            }
            remaining = max(0, bits.count - position)
            return value
        }
    }
}
