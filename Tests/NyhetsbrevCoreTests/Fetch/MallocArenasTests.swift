import Testing
@testable import NyhetsbrevCore

@Suite struct MallocArenasTests {
    @Test func anExplicitSettingWins() {
        #expect(MallocArenas.useOne(environment: ["MALLOC_ARENA_MAX": "4"]) == false)
    }

    #if os(Linux)
    @Test func glibcTakesTheLimit() {
        #expect(MallocArenas.useOne(environment: [:]))
    }
    #endif
}
