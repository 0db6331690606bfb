import ClassReports
import Foundation
import Quiz
import Testing
import TestSupport

/// The item analysis figures against values worked by hand, and against SciPy.
@Suite("Item statistics")
struct ItemStatisticsTests {
    /// Five learners, four items, a perfect Guttman pattern: worked by hand below.
    static let matrix = [[1, 1, 1, 1], [1, 1, 1, 0], [1, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 0]]

    @Test("KR-20 of the hand-worked matrix: 4/3 · (1 − 0.8 / 2) = 0.8")
    func kr20ByHand() throws {
        // p = .8 .6 .4 .2, Σpq = .16 + .24 + .24 + .16 = 0.8; totals 4 3 2 1 0, mean 2,
        // population variance (4 + 1 + 0 + 1 + 4) / 5 = 2.
        let value = try #require(ItemStatistics.kr20(Self.matrix))
        #expect(abs(value - 0.8) < 1e-12)
        #expect(ItemStatistics.kr20([[1, 1], [1, 1]]) == nil, "no variance in the totals")
        #expect(ItemStatistics.kr20([[1], [0]]) == nil, "one item")
    }

    @Test("Point-biserial of item 1 with the totals: 2 / √(0.8 · 10) = 0.7071")
    func pointBiserialByHand() throws {
        let totals: [Double] = [4, 3, 2, 1, 0]
        let value = try #require(ItemStatistics.pointBiserial(items: [1, 1, 1, 1, 0], totals: totals))
        #expect(abs(value - 2 / (8.0).squareRoot()) < 1e-12)
        #expect(ItemStatistics.pointBiserial(items: [1, 1, 1, 1, 1], totals: totals) == nil, "everyone right: undefined")
        let reversed = try #require(ItemStatistics.pointBiserial(items: [0, 0, 0, 0, 1], totals: totals))
        #expect(reversed < 0, "the weakest learner alone right discriminates negatively")
    }

    @Test("Upper–lower 27 %: groups of round(0.27 N), D = p(upper) − p(lower)")
    func upperLower() throws {
        #expect(ItemStatistics.groupSize(5) == 1)
        #expect(ItemStatistics.groupSize(20) == 5)
        #expect(ItemStatistics.groupSize(100) == 27)
        #expect(ItemStatistics.groupSize(1) == nil)
        // 20 learners ranked by total; upper 5 all right, lower 5: 1 right → D = 1 − 0.2 = 0.8.
        let totals = (0..<20).map { Double(20 - $0) }
        var items = Array(repeating: 0, count: 20)
        for i in 0..<5 { items[i] = 1 }
        items[17] = 1
        #expect(ItemStatistics.upperLowerIndex(items: items, totals: totals) == 0.8)
        #expect(ItemStatistics.difficulty(items) == 0.3)
        #expect(ItemStatistics.median([3, 1, 2]) == 2)
        #expect(ItemStatistics.median([4, 1, 2, 3]) == 2.5)
    }

    @Test("KR-20 and the point-biserial agree with SciPy on a random class")
    func againstSciPy() throws {
        var generator = SystemRandomNumberGenerator()
        // 30 learners × 12 items, ability-driven so the figures are not all near zero.
        let matrix: [[Int]] = (0..<30).map { _ in
            let ability = Double.random(in: 0...1, using: &generator)
            return (0..<12).map { item in Double.random(in: 0...1, using: &generator) < (ability + Double(item) / 24) / 1.5 ? 1 : 0 }
        }
        let totals = matrix.map { Double($0.reduce(0, +)) }
        let venv = try PythonVenv.forTest(["scipy==1.14.1", "numpy<2.2"])
        let script = """
        import json, sys
        import numpy as np
        from scipy import stats
        m = np.array(json.load(sys.stdin))
        k = m.shape[1]
        totals = m.sum(axis=1)
        kr20 = k / (k - 1) * (1 - (m.mean(axis=0) * (1 - m.mean(axis=0))).sum() / totals.var())
        rpb = [None if m[:, i].std() == 0 else stats.pointbiserialr(m[:, i], totals)[0] for i in range(k)]
        print(json.dumps({"kr20": kr20, "rpb": rpb}))
        """
        let file = venv.directory.url.appendingPathComponent("reference.py")
        try script.write(to: file, atomically: true, encoding: .utf8)
        let run = PythonVenv.run(venv.python, [file.path], input: try JSONEncoder().encode(matrix))
        #expect(run.status == 0, "\(run.output)")
        struct Reference: Decodable { var kr20: Double; var rpb: [Double?] }
        let line = try #require(run.output.split(separator: "\n").last)
        let reference = try JSONDecoder().decode(Reference.self, from: Data(line.utf8))
        let ours = try #require(ItemStatistics.kr20(matrix))
        #expect(abs(ours - reference.kr20) < 1e-9, "ours \(ours), SciPy \(reference.kr20)")
        for item in 0..<12 {
            let value = ItemStatistics.pointBiserial(items: matrix.map { $0[item] }, totals: totals)
            if let expected = reference.rpb[item] {
                #expect(abs((value ?? .nan) - expected) < 1e-9, "item \(item): ours \(String(describing: value)), SciPy \(expected)")
            } else {
                #expect(value == nil)
            }
        }
    }
}
