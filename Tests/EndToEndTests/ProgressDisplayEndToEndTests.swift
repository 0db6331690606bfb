import Foundation
import Testing
import TestSupport

/// `lessons` and `progress` as a script sees them from the built binary: plain ASCII bars, no
/// escapes (the views themselves are tested in process: TutorAppTests' ProgressDisplayTests).
@Suite("Progress you can see, through the binary", .serialized)
struct ProgressDisplayEndToEndTests {
    @Test("lessons and progress draw a bar per lesson and one for the course, plain ASCII with no escapes in script mode")
    func plainInScriptMode() throws {
        let home = try TemporaryDirectory()
        var env = TutorBinary.environment(home: home)
        env["TERM"] = "xterm-256color"
        let result = try TutorBinary.run(stdin: "lesson what-is-lambda\nnext\nlessons\nprogress\n", environment: env)
        #expect(result.status == 0, "\(result.stderr)")
        let out = result.stdout
        #expect(!out.contains("\u{1B}["), "no escape codes in script mode")
        #expect(!out.contains("█") && !out.contains("░"), "bars are ASCII in script mode")
        // Two of 9 steps seen of 19 lessons' steps and checkpoints: under 1 % of the course.
        // The share says what it counts (it is not a share of lessons).
        let course = out.split(separator: "\n").first { $0.hasPrefix("Course  ----------   0% of ") } ?? ""
        #expect(course.hasSuffix(" steps and checkpoints · 0 of 19 lessons done") && course.count <= 80, "\(out)")
        let lines = out.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("◐  what-is-lambda") && $0.contains("  #-------  ") }, "lessons: a bar per lesson")
        #expect(lines.contains { $0.hasPrefix("  ◐  what-is-lambda") && $0.contains("#---------  13%") }, "progress: bar and share")
    }
}
