#[tokio::main]
async fn main() {
    let url = std::env::args().nth(1).unwrap();
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), "wry".into());
    let mut b = fantoccini::ClientBuilder::native();
    b.capabilities(caps);
    eprintln!("connecting");
    let r = tokio::time::timeout(std::time::Duration::from_secs(5), b.connect(&url)).await;
    eprintln!("result: {:?}", r.map(|x| x.map(|_| ())));
}
