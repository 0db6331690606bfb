import Foundation
import LambdaService
@testable import LocalEndpoint
import MiniLambda
import TestSupport
import Testing
import TutorSupport

/// The data folder's note of the serving API is trusted only when it is the learner's own and
/// names a live listener of theirs; a stale one is removed.
@Suite(.serialized)
struct EndpointRecordTests {
    static let started = Date(timeIntervalSince1970: 1_795_458_011)
    @Test func aLiveServerIsFoundAndItsNoteRemovedOnStop() async throws {
        try await APIHarness.run { h in
            let home = DataHome(root: h.directory.url)
            try EndpointRecord(port: h.server.port, started: Self.started).save(in: home)
            var info = stat()
            #expect(stat(EndpointRecord.file(in: home).path, &info) == 0 && info.st_mode & 0o777 == 0o600)
            #expect(EndpointRecord.lookup(in: home) == .live(EndpointRecord.lookupRecord(home)!))
            EndpointRecord.remove(in: home)
            #expect(EndpointRecord.lookup(in: home) == .none)
        }
    }

    @Test func aStaleNoteIsDetectedAndRemoved() throws {
        let directory = try TemporaryDirectory(prefix: "record")
        let home = DataHome(root: directory.url)
        // A port nobody listens on, in a process that is alive (this one): not serving.
        try EndpointRecord(port: 1, started: Self.started).save(in: home)
        guard case .ignored(let why) = EndpointRecord.lookup(in: home) else { Issue.record("a stale note was trusted"); return }
        #expect(why.contains("no longer running"))
        #expect(!FileManager.default.fileExists(atPath: EndpointRecord.file(in: home).path))
    }

    @Test func aNoteOthersCanReadOrALinkIsIgnored() throws {
        let directory = try TemporaryDirectory(prefix: "record")
        let home = DataHome(root: directory.url)
        try EndpointRecord(port: 1, started: Self.started).save(in: home)
        chmod(EndpointRecord.file(in: home).path, 0o644)
        guard case .ignored(let why) = EndpointRecord.lookup(in: home) else { Issue.record("a world-readable note was trusted"); return }
        #expect(why.contains("other users"))
        unlink(EndpointRecord.file(in: home).path)
        try directory.write("elsewhere.json", "{}")
        symlink(directory.path + "/elsewhere.json", EndpointRecord.file(in: home).path)
        guard case .ignored = EndpointRecord.lookup(in: home) else { Issue.record("a link was followed"); return }
    }
}

extension EndpointRecord {
    static func lookupRecord(_ home: DataHome) -> EndpointRecord? {
        guard let data = FileManager.default.contents(atPath: file(in: home).path) else { return nil }
        return try? JSONDecoder().decode(EndpointRecord.self, from: data)
    }
}
