import Testing
@testable import NyhetsbrevCore

@Suite struct URLCanonicalizerTests {
    @Test(arguments: [
        ("HTTPS://WWW.Regeringen.SE:443/Press/?utm_source=x&id=3&fbclid=abc#top", "https://www.regeringen.se/Press/?id=3"),
        ("http://example.se:80", "http://example.se/"),
        ("http://example.se:8080/a?b=2&a=1&utm_medium=e&gclid=1&mc_cid=2&mc_eid=3", "http://example.se:8080/a?b=2&a=1"),
        ("https://example.se/x?utm_campaign=y", "https://example.se/x"),
        ("https://e.se/feed;charset=UTF-8?q=1", "https://e.se/feed;charset=UTF-8?q=1"),
        ("  https://BÜCHER.Example/Ä?UTM_Source=x&&q=Å#frag ", "https://bücher.example/Ä?q=Å"),
        ("http://User:Pw@Host.SE:80?", "http://User:Pw@host.se/"),
        ("/relativ/sida?a=1#x", "/relativ/sida?a=1"),
        ("mailto:Info@RCC.se", "mailto:Info@RCC.se"),
    ])
    func canonical(_ input: String, _ expected: String) {
        #expect(URLCanonicalizer.canonical(input) == expected)
    }
}
