import LocalServices
import Testing

/// The heap the schedulers keep their backlogs in: pops come out smallest first, whatever the
/// order of pushes, and `retain` drops elements without breaking that order.
@Suite struct MinHeapTests {
    /// A few thousand pseudo-random values (a linear congruential generator, so runs repeat).
    static func values(_ count: Int, seed: UInt64) -> [Int] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 40) % 1_000
        }
    }

    @Test func popsComeOutInAscendingOrderWithPushesInBetween() {
        var heap = MinHeap<Int>()
        var model: [Int] = []
        for (index, value) in Self.values(4_000, seed: 15).enumerated() {
            heap.push(value)
            model.append(value)
            if index % 3 == 2 {
                model.sort()
                #expect(heap.minimum == model.first)
                #expect(heap.pop() == model.removeFirst())
            }
        }
        #expect(heap.count == model.count)
        var drained: [Int] = []
        while let value = heap.pop() { drained.append(value) }
        #expect(drained == model.sorted())
        #expect(heap.isEmpty && heap.pop() == nil && heap.minimum == nil)
    }

    @Test func retainDropsElementsAndKeepsTheOrder() {
        var heap = MinHeap<Int>()
        let values = Self.values(1_000, seed: 16)
        for value in values { heap.push(value) }
        heap.retain { !$0.isMultiple(of: 3) }
        var drained: [Int] = []
        while let value = heap.pop() { drained.append(value) }
        #expect(drained == values.filter { !$0.isMultiple(of: 3) }.sorted())
        heap.push(5)
        heap.removeAll()
        #expect(heap.isEmpty)
    }
}
