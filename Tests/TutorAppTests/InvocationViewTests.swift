import Foundation
import Testing
import TerminalUI
@testable import TutorApp

/// How responses, costs and log lines look: JSON as people write it, costs without float
/// noise, lines that break between words and fields.
@Suite("Invocation view")
struct InvocationLayoutTests {
    @Test("Empty arrays and objects print as [] and {}; brackets inside strings are left alone")
    func emptyJSON() {
        let text = InvocationView.prettyJSON(Data(#"{"items": [], "meta": {}, "note": "[\n]", "nested": [{}]}"#.utf8))
        #expect(text.contains("\"items\" : []"), "\(text)")
        #expect(text.contains("\"meta\" : {}"))
        #expect(text.contains("\"note\" : \"[\\n]\""))
        #expect(text.contains("{}"))
        #expect(!text.contains("\"items\" : [\n"), "\(text)")
        #expect(InvocationView.prettyJSON(Data("[]".utf8)) == "[]")
    }

    @Test("The cost is a plain decimal in JSON, not 2.8333350000000003e-07")
    func costDecimal() throws {
        #expect(InvocationView.costDecimal(2.8333350000000003e-07).description == "0.0000002833")
        let data = try JSONSerialization.data(withJSONObject: ["costUSD": InvocationView.costDecimal(2.8333350000000003e-07)])
        #expect(String(decoding: data, as: UTF8.self) == #"{"costUSD":0.0000002833}"#)
    }

    @Test("A REPORT line breaks between its fields, never inside one")
    func reportLine() {
        let report = "REPORT RequestId: 6f1c0a52-b1c4-4b1a-9d1e-0a1b2c3d4e5f\tDuration: 2.19 ms\tBilled Duration: 49 ms\tMemory Size: 128 MB\tMax Memory Used: 12 MB\tInit Duration: 73.34 ms"
        let lines = InvocationView.logLines(report, bar: "│", width: 80, style: .plain)
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 80 }, "\(lines)")
        let text = lines.joined(separator: "\n")
        for field in report.split(separator: "\t") { #expect(text.contains(field), "'\(field)' is whole") }
    }
}
