import Testing
@testable import NyhetsbrevCore

@Suite struct HeapMemoryTests {
    @Test func anExplicitArenaSettingWins() {
        #expect(HeapMemory.useOneArena(environment: ["MALLOC_ARENA_MAX": "4"]) == false)
    }

    #if os(Linux)
    @Test func glibcTakesTheArenaLimit() {
        #expect(HeapMemory.useOneArena(environment: [:]))
    }
    #endif
}
