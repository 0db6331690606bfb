import Foundation
import LambdaService
import MiniLambda
import TestSupport
import Testing

/// The dates the control plane writes (`LastModified` of `$LATEST` and of a published version,
/// a layer version's `CreatedDate`) come from the registry's injected clock, never the machine's.
@Suite struct RegistryClockTests {
    /// `LastModified` as the registry writes it for the manual clock's current time.
    static func stamp(_ clock: ManualWallClock) -> String { FunctionConfiguration.timestamp(clock.now()) }

    @Test("Create, a settings change and a code change date the function by the manual clock")
    func functionDates() async throws {
        let f = try ServiceFixture()
        let created = try f.service.createFunction(name: "orders")
        #expect(created.lastModified == Self.stamp(f.clock))
        #expect(created.lastModified == "2026-11-30T00:53:20.000+0000", "the clock's fixed start, not today")

        f.clock.advance(by: 90.5)
        let configured = try await f.service.updateFunctionConfiguration("orders", ConfigurationUpdate(settings: ["memory=256"]))
        #expect(configured.lastModified == Self.stamp(f.clock))
        #expect(configured.lastModified == "2026-11-30T00:54:50.500+0000")

        f.clock.advance(by: 60)
        try f.functions.writeCode("orders", file: "lambda_function.py", contents: "def lambda_handler(e, c):\n    return 1\n")
        #expect(try f.service.getFunctionConfiguration(name: "orders").lastModified == "2026-11-30T00:55:50.500+0000")

        f.clock.advance(by: 60)
        try f.functions.configure("orders", settings: ["timeout=9"])
        #expect(try f.service.getFunctionConfiguration(name: "orders").lastModified == "2026-11-30T00:56:50.500+0000")
    }

    @Test("A published version keeps the LastModified it was published with while the clock moves on")
    func versionDates() async throws {
        let f = try ServiceFixture()
        try f.service.createFunction(name: "orders")
        f.clock.advance(by: 3600)
        try await f.service.updateFunctionConfiguration("orders", ConfigurationUpdate(settings: ["memory=512"]))
        let published = Self.stamp(f.clock)
        #expect(try f.service.publishVersion("orders").configuration.lastModified == published)
        f.clock.advance(by: 3600)
        try await f.service.updateFunctionConfiguration("orders", ConfigurationUpdate(settings: ["memory=1024"]))
        let versions = try f.service.listVersionsByFunction("orders")
        #expect(versions.map(\.configuration.lastModified) == [Self.stamp(f.clock), published])
    }

    @Test("A layer version's CreatedDate comes from the registry's clock")
    func layerDates() throws {
        let f = try ServiceFixture()
        let content = try f.directory.write("content/python/words.py", "WORD = 'hi'\n").deletingLastPathComponent().deletingLastPathComponent()
        f.clock.advance(by: 86_400)
        let first = try f.service.publishLayerVersion("words", content: content, codeSha256: "x")
        #expect(first.createdDate == "2026-12-01T00:53:20.000+0000")
        f.clock.advance(by: 1)
        #expect(try f.service.publishLayerVersion("words", content: content, codeSha256: "x").createdDate == Self.stamp(f.clock))
        #expect(try f.service.getLayerVersion("words", 1).createdDate == first.createdDate, "read back as written")
    }
}
