import Testing
@testable import NyhetsbrevCore

@Suite struct KeyLineIndexTests {
    private let index = KeyLineIndex(text: """
        state_dir = "/x"   # 1
        note = '''
        url = "not a key"
        '''
        [fetch]
          parallel=4
        "per_host" = 2
        [[sources]]
        id = "a"
        tags = [
          "x",
        ]
        [[ sources ]]
        url = "https://b.se/"
        """)

    @Test func findsKeysInTablesAndArraysOfTables() {
        #expect(index.line(for: "state_dir") == 1)
        #expect(index.line(for: "fetch.parallel") == 6)
        #expect(index.line(for: "fetch.per_host") == 7)
        #expect(index.line(for: "sources[1].id") == 9)
        #expect(index.line(for: "sources[2].url") == 14)
    }

    @Test func fallsBackToTheEnclosingTable() {
        #expect(index.line(for: "sources[2].title") == 13)
        #expect(index.line(for: "sources[1].tags[2]") == 10)
        #expect(index.line(for: "fetch.timeout") == 5)
        #expect(index.line(for: "nowhere") == nil)
    }

    @Test func ignoresKeyLikeTextInsideMultilineStrings() {
        #expect(index.line(for: "url") == nil)
    }
}
