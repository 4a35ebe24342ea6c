//! A TCP proxy between the app and its database that a test can cut and restore, after the
//! pattern of crates.io's ChaosProxy: it forwards every connection; `cut` breaks all of them and
//! refuses new ones (its port is closed: connecting is refused, as with a database that is down);
//! `restore` listens again on the same port.

use std::net::SocketAddr;
use std::sync::Mutex;
use std::time::Duration;

use tokio::net::{TcpSocket, TcpStream};
use tokio::sync::watch;
use tokio::task::JoinHandle;

pub struct ChaosProxy {
    pub addr: SocketAddr,
    target: SocketAddr,
    /// Raised at each cut: every forwarded connection ends when it changes.
    cuts: watch::Sender<u64>,
    /// The task accepting connections, while the proxy is up.
    accepting: Mutex<Option<JoinHandle<()>>>,
}

impl ChaosProxy {
    /// A proxy to `target` on a free local port.
    pub async fn start(target: SocketAddr) -> ChaosProxy {
        let (cuts, _) = watch::channel(0);
        let listener = listen("127.0.0.1:0".parse().expect("address")).await;
        let proxy = ChaosProxy {
            addr: listener.local_addr().expect("proxy address"),
            target,
            cuts,
            accepting: Mutex::new(None),
        };
        proxy.accept(listener);
        proxy
    }

    /// A database URL like `url` that goes through the proxy instead of straight to its host.
    pub fn url(&self, url: &str) -> String {
        let target = self.target.to_string();
        assert!(url.contains(&target), "{url} names {target}");
        url.replacen(&target, &self.addr.to_string(), 1)
    }

    /// Breaks every connection and refuses new ones.
    pub fn cut(&self) {
        if let Some(task) = self.accepting.lock().expect("lock").take() {
            task.abort();
        }
        self.cuts.send_modify(|n| *n += 1);
    }

    /// Accepts connections again, on the same port.
    pub async fn restore(&self) {
        let listener = listen(self.addr).await;
        self.accept(listener);
    }

    fn accept(&self, listener: tokio::net::TcpListener) {
        let (target, cuts) = (self.target, self.cuts.clone());
        let task = tokio::spawn(async move {
            while let Ok((mut client, _)) = listener.accept().await {
                let mut cut = cuts.subscribe();
                tokio::spawn(async move {
                    let Ok(mut server) = TcpStream::connect(target).await else {
                        return;
                    };
                    tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut client, &mut server) => {}
                        _ = cut.changed() => {}
                    }
                    // Both ends are dropped here: the app's connection is broken.
                });
            }
        });
        *self.accepting.lock().expect("lock") = Some(task);
    }
}

impl Drop for ChaosProxy {
    fn drop(&mut self) {
        self.cut();
    }
}

/// The database server's address in a `postgres://user@host:port/db` URL.
pub fn target_of(url: &str) -> SocketAddr {
    let after_scheme = &url[url.find("://").expect("a URL") + 3..];
    let authority = after_scheme.split(['/', '?']).next().expect("authority");
    let host_port = authority.rsplit('@').next().expect("host");
    let host_port = if host_port.contains(':') {
        host_port.to_owned()
    } else {
        format!("{host_port}:5432")
    };
    host_port
        .replace("localhost", "127.0.0.1")
        .parse()
        .expect("an IP address and port in the test database URL")
}

/// A listener on `addr`, reusing the address (the same port again after a cut).
async fn listen(addr: SocketAddr) -> tokio::net::TcpListener {
    let mut last = None;
    for _ in 0..50 {
        let socket = TcpSocket::new_v4().expect("socket");
        socket.set_reuseaddr(true).expect("reuseaddr");
        match socket.bind(addr).and_then(|()| socket.listen(1024)) {
            Ok(listener) => return listener,
            Err(err) => last = Some(err),
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("cannot listen on {addr}: {last:?}");
}
