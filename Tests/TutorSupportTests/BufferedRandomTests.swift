import Testing
import TutorSupport

/// The buffered generator hands out each word of the system's random bytes once, across
/// refills and threads.
struct BufferedRandomTests {
    @Test func wordsDoNotRepeatAcrossRefillsAndThreads() async {
        let words = await withTaskGroup(of: [UInt64].self) { group in
            for _ in 0..<4 {
                group.addTask {
                    var generator = BufferedRandomNumberGenerator()
                    return (0..<5_000).map { _ in generator.next() }
                }
            }
            return await group.reduce(into: []) { $0 += $1 }
        }
        #expect(words.count == 20_000)
        #expect(Set(words).count == 20_000, "a word was handed out twice")
        // About half the bits set: 20,000 × 64 bits, so 50% ± 1% is many standard deviations wide.
        let ones = words.reduce(0) { $0 + $1.nonzeroBitCount }
        let share = Double(ones) / Double(words.count * 64)
        #expect(share > 0.49 && share < 0.51, "share of one bits: \(share)")
    }
}
