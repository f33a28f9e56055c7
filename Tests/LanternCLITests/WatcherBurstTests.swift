import Testing
@testable import LanternCLI

/// How long the preview server's watcher waits for more file events before it rebuilds: briefly
/// once every file touched is complete, longer while an editor may still be writing or replacing
/// one, and the paths it reports either way.
@Suite struct WatcherBurstTests {
    typealias Burst = Watcher.Burst

    /// A temporary file an editor or tool makes, writes and removes within the burst.
    static func temporary(_ path: String, in burst: inout Burst) {
        for event: Burst.Event in [.created, .written, .removed] { burst.record(path, event) }
    }

    @Test func noBurstWaitsForTheFirstEvent() {
        #expect(Burst().wait == -1)
    }

    @Test func aPlainSaveSettlesAtOnce() {
        var burst = Burst()
        burst.record("content/guides/a.md", .written)
        #expect(burst.wait == Burst.settled)
        #expect(burst.end() == ["content/guides/a.md"])
        #expect(burst.wait == -1, "a new burst starts empty")
    }

    @Test func aNewFileWaitsUntilItIsClosed() {
        var burst = Burst()
        burst.record("content/guides/moi.md", .created)
        #expect(burst.wait == Burst.unsettledWait)
        burst.record("content/guides/moi.md", .written)
        #expect(burst.wait == Burst.settled)
    }

    @Test func sedInPlaceSettlesOnceItsTemporaryFileIsMovedOver() {
        // sed -i: writes content/sedAb12 beside the file, then renames it over the file.
        var burst = Burst()
        Self.temporary("content/guides/sedAb12", in: &burst)
        burst.record("content/guides/a.md", .written)
        #expect(burst.wait == Burst.settled)
        #expect(burst.end() == ["content/guides/a.md", "content/guides/sedAb12"])
    }

    @Test func aFileAnEditorMovesAsideWaitsForItsNewVersion() {
        // vim: a test file 4913 made and deleted, the file renamed to a backup, a new file written.
        var burst = Burst()
        Self.temporary("content/guides/4913", in: &burst)
        burst.record("content/guides/a.md", .removed)
        #expect(burst.wait == Burst.unsettledWait, "the page may be coming back: no rebuild that drops it yet")
        burst.record("content/guides/a.md", .created)
        #expect(burst.wait == Burst.unsettledWait)
        burst.record("content/guides/a.md", .written)
        #expect(burst.wait == Burst.settled)
    }

    @Test func aDeletedPageOrAFolderWaitsTheLongerTime() {
        var deleted = Burst()
        deleted.record("content/guides/a.md", .removed)
        #expect(deleted.wait == Burst.unsettledWait)
        var folder = Burst()
        folder.record("content/guides/moi/", .folder)
        folder.record("content/guides/b.md", .written)
        #expect(folder.wait == Burst.unsettledWait)
    }
}
