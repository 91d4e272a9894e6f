//! The harness of tenderchain's end-to-end tests: real `tenderchain-node` processes on free
//! loopback ports, their JSON-RPC read over plain HTTP, and the real `tender` client.
//!
//! Networks are started from the built-in `local` chain (the four cities of Gansu) with fixed
//! node keys and no mDNS, so that they never meet a network started by `scripts/start-local.sh`.
//!
//! The harness cleans up and keeps evidence:
//! - every process it starts is bound to the test ([`bound_to_test`]): a process group of its
//!   own, killed whole when the network is dropped, and a parent-death signal, so that a test
//!   killed with SIGKILL (which runs no destructor) leaves no node behind;
//! - a network's directory, with every node's log, is removed only when the test said it
//!   passed ([`Network::passed`]); a test that returns an error or panics keeps it and prints
//!   where it is;
//! - waits poll the chain for the condition itself (a block height, the chain's own clock,
//!   finality observed over a number of blocks) with a timeout and a message naming what was
//!   awaited, instead of sleeping for a fixed time.

use std::{
	fs,
	io::{self, Read, Write},
	net::{TcpListener, TcpStream},
	ops::Deref,
	os::unix::process::CommandExt,
	path::{Path, PathBuf},
	process::{Child, Command, Output, Stdio},
	thread::sleep,
	time::{Duration, Instant, SystemTime, UNIX_EPOCH},
};

use anyhow::{anyhow, bail, Context, Result};
use serde_json::{json, Value};

/// The development seeds of the four local validators: Baiyin, Lanzhou, Tianshui, Jiuquan.
pub const CITY_SEEDS: [(&str, &str); 4] =
	[("Baiyin", "//Alice"), ("Lanzhou", "//Bob"), ("Tianshui", "//Charlie"), ("Jiuquan", "//Dave")];

/// Which libp2p implementation a network's nodes use (`--network-backend`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
	/// rust-libp2p.
	Libp2p,
	/// litep2p.
	Litep2p,
}

impl Backend {
	fn arg(self) -> &'static str {
		match self {
			Backend::Libp2p => "libp2p",
			Backend::Litep2p => "litep2p",
		}
	}
}

/// The directory holding the built `tenderchain-node` and `tender` binaries: `$TENDERCHAIN_BIN_DIR`,
/// or the profile directory this test binary was built into (`<target>/release`).
pub fn bin_dir() -> PathBuf {
	if let Ok(dir) = std::env::var("TENDERCHAIN_BIN_DIR") {
		return PathBuf::from(dir);
	}
	let exe = std::env::current_exe().expect("the test binary has a path");
	// <target>/<profile>/deps/<test binary>
	exe.parent().and_then(Path::parent).expect("test binary lives in <profile>/deps").to_path_buf()
}

/// The path of one of the project's binaries, checked to exist.
pub fn binary(name: &str) -> PathBuf {
	let path = bin_dir().join(name);
	assert!(
		path.exists(),
		"{} is missing: build the workspace first (`cargo build --release --workspace`)",
		path.display()
	);
	path
}

/// How often the harness asks the nodes again while it waits.
const POLL: Duration = Duration::from_millis(500);

/// How long a starting node may take to answer RPC.
const RPC_TIMEOUT: Duration = Duration::from_secs(120);

/// The environment variable that keeps a network's directory even when its test passed.
pub const KEEP_VAR: &str = "TENDERCHAIN_E2E_KEEP";

/// Binds the process `cmd` will start to the test that starts it, so that no test, however it
/// ends, leaves the process behind:
/// - the process leads a process group of its own, which [`kill_group`] kills whole (the node
///   and anything it starts); a Ctrl-C at the terminal reaches the test runner only, and the
///   process follows the runner as below;
/// - the kernel sends it SIGKILL when the thread that started it ends (`PR_SET_PDEATHSIG`), so
///   that a test process killed with SIGKILL, which runs no destructor, takes its nodes with it.
///
/// The parent-death signal follows the *thread* that forks, not the process. Start processes
/// from the test's own thread: libtest runs every test, `--test-threads=1` included, on a thread
/// of its own that ends only after the test function has returned and dropped its [`Network`].
/// A process started from a helper thread would be killed when that thread ends.
pub fn bound_to_test(cmd: &mut Command) -> &mut Command {
	let test_process = std::process::id() as libc::pid_t;
	cmd.process_group(0);
	// SAFETY: the hook runs in the child between fork and exec, where only async-signal-safe
	// functions may be called. It calls prctl(2) and getppid(2), plain system calls that neither
	// allocate nor take locks, and makes an `io::Error` from an errno value, which allocates
	// nothing. It captures only a `pid_t` (Copy), so no memory of the parent is shared.
	unsafe {
		cmd.pre_exec(move || {
			if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong) != 0 {
				return Err(io::Error::last_os_error());
			}
			// The test may have died between fork and prctl: then no signal will ever come, so
			// the child must not go on to exec.
			if libc::getppid() != test_process {
				return Err(io::Error::from_raw_os_error(libc::ESRCH));
			}
			Ok(())
		})
	}
}

/// Kills the process group `child` leads (see [`bound_to_test`]) with SIGKILL, as a power cut
/// would, and reaps `child`. `child` must not have been reaped already (by `wait`/`try_wait`),
/// or its pid might name another group by now.
pub fn kill_group(child: &mut Child) {
	let group = child.id() as libc::pid_t;
	// SAFETY: kill(2) only sends a signal; with a negative pid it signals the group whose id is
	// the child's pid, which exists while the unreaped child does.
	if unsafe { libc::kill(-group, libc::SIGKILL) } != 0 {
		let _ = child.kill();
	}
	let _ = child.wait();
}

/// Polls `cond` until it holds; fails after `timeout`, naming `what` was awaited and the last
/// error `cond` returned, if any.
pub fn wait_until(
	what: &str,
	timeout: Duration,
	mut cond: impl FnMut() -> Result<bool>,
) -> Result<()> {
	let deadline = Instant::now() + timeout;
	loop {
		let last_error = match cond() {
			Ok(true) => return Ok(()),
			Ok(false) => None,
			Err(e) => Some(e),
		};
		if Instant::now() >= deadline {
			match last_error {
				Some(e) => {
					bail!("timed out after {timeout:?} waiting until {what} (last error: {e:#})")
				},
				None => bail!("timed out after {timeout:?} waiting until {what}"),
			}
		}
		sleep(POLL);
	}
}

/// A test's scratch directory under the system's temporary directory. It is removed when
/// dropped only if the test said it passed ([`TestDir::pass`]); otherwise (an early `?`, a
/// failed `ensure!`, a panic) it is kept as the evidence of what went wrong, and its place is
/// printed. With [`KEEP_VAR`] set to anything but `0` it is kept in every case.
pub struct TestDir {
	path: PathBuf,
	passed: bool,
}

impl TestDir {
	/// Creates `<tmp>/tenderchain-<label>-<pid>-<n>`.
	pub fn new(label: &str) -> Result<TestDir> {
		let path = std::env::temp_dir().join(format!(
			"tenderchain-{label}-{}-{}",
			std::process::id(),
			free_port()
		));
		fs::create_dir_all(&path).with_context(|| format!("cannot create {}", path.display()))?;
		Ok(TestDir { path, passed: false })
	}

	/// Its path.
	pub fn path(&self) -> &Path {
		&self.path
	}

	/// Records that the test passed: the directory is removed when dropped.
	pub fn pass(&mut self) {
		self.passed = true;
	}
}

impl Deref for TestDir {
	type Target = Path;

	fn deref(&self) -> &Path {
		&self.path
	}
}

impl AsRef<Path> for TestDir {
	fn as_ref(&self) -> &Path {
		&self.path
	}
}

impl Drop for TestDir {
	fn drop(&mut self) {
		let keep = std::env::var_os(KEEP_VAR).is_some_and(|v| v != "0");
		if self.passed && !keep {
			let _ = fs::remove_dir_all(&self.path);
			return;
		}
		let mut logs: Vec<String> = fs::read_dir(&self.path)
			.map(|entries| {
				entries
					.filter_map(|e| e.ok()?.file_name().into_string().ok())
					.filter(|name| name.ends_with(".log"))
					.collect()
			})
			.unwrap_or_default();
		logs.sort();
		let why = if self.passed { KEEP_VAR } else { "the test did not pass" };
		eprintln!("{why}: files kept in {} (logs: {})", self.path.display(), logs.join(", "));
	}
}

/// A loopback TCP port that was free a moment ago.
pub fn free_port() -> u16 {
	let listener = TcpListener::bind("127.0.0.1:0").expect("bind an ephemeral loopback port");
	listener.local_addr().expect("bound socket has an address").port()
}

/// Runs a command to completion, failing with its stderr if it fails.
fn run(cmd: &mut Command) -> Result<Output> {
	let out = bound_to_test(cmd).output().with_context(|| format!("cannot start {cmd:?}"))?;
	if !out.status.success() {
		bail!("{cmd:?} failed: {}", String::from_utf8_lossy(&out.stderr));
	}
	Ok(out)
}

/// One JSON-RPC call over HTTP to `127.0.0.1:port`.
pub fn rpc(port: u16, method: &str, params: Value) -> Result<Value> {
	let body = json!({"jsonrpc": "2.0", "id": 1, "method": method, "params": params}).to_string();
	let mut stream = TcpStream::connect(("127.0.0.1", port))?;
	stream.set_read_timeout(Some(Duration::from_secs(10)))?;
	write!(
		stream,
		"POST / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n\
		 Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
		body.len()
	)?;
	let mut response = String::new();
	stream.read_to_string(&mut response)?;
	let json_start = response.find("\r\n\r\n").ok_or_else(|| anyhow!("no HTTP body"))? + 4;
	let reply: Value = serde_json::from_str(&response[json_start..])
		.with_context(|| format!("{method}: not JSON: {}", &response[json_start..]))?;
	if let Some(err) = reply.get("error") {
		bail!("{method} failed: {err}");
	}
	Ok(reply["result"].clone())
}

fn hex_number(v: &Value) -> Result<u64> {
	let s = v.as_str().ok_or_else(|| anyhow!("not a hex string: {v}"))?;
	Ok(u64::from_str_radix(s.trim_start_matches("0x"), 16)?)
}

/// The storage key of `Timestamp::Now`: `twox128("Timestamp") ++ twox128("Now")`.
const TIMESTAMP_NOW: &str = "0xf0c365c3cf59d671eb72da0e7a4113c49f1f0515f462cdcf84e0f1d6045dfcbb";

/// One validator node of a test network.
pub struct Node {
	/// The city it validates for.
	pub city: &'static str,
	/// Its development seed (`//Alice`, …).
	pub seed: &'static str,
	/// Its base path (keystore and RocksDB database).
	pub base_path: PathBuf,
	/// Its libp2p port.
	pub p2p_port: u16,
	/// Its RPC port.
	pub rpc_port: u16,
	/// Its fixed node key (hex), which fixes its peer id.
	pub node_key: String,
	/// Its peer id.
	pub peer_id: String,
	/// Where its output goes.
	pub log: PathBuf,
	/// Does it run with `--validator`?
	pub validator: bool,
	process: Option<Child>,
}

impl Node {
	/// Is the process running?
	pub fn is_running(&self) -> bool {
		self.process.is_some()
	}

	/// The node's multiaddress, for `--bootnodes`.
	pub fn multiaddr(&self) -> String {
		format!("/ip4/127.0.0.1/tcp/{}/p2p/{}", self.p2p_port, self.peer_id)
	}

	/// The process id of the running node (0 if it is stopped).
	pub fn pid(&self) -> u32 {
		self.process.as_ref().map_or(0, |p| p.id())
	}

	/// The WebSocket RPC address, as `tender --url` takes it.
	pub fn ws_url(&self) -> String {
		format!("ws://127.0.0.1:{}", self.rpc_port)
	}

	/// A JSON-RPC call to this node.
	pub fn rpc(&self, method: &str, params: Value) -> Result<Value> {
		rpc(self.rpc_port, method, params)
	}

	/// The number of the node's best block.
	pub fn best(&self) -> Result<u64> {
		hex_number(&self.rpc("chain_getHeader", json!([]))?["number"])
	}

	/// The number of the node's finalized block.
	pub fn finalized(&self) -> Result<u64> {
		let hash = self.rpc("chain_getFinalizedHead", json!([]))?;
		hex_number(&self.rpc("chain_getHeader", json!([hash]))?["number"])
	}

	/// The chain's time at the node's best block (`Timestamp::Now`, set by the block's author
	/// from its clock), in Unix milliseconds.
	pub fn chain_time_ms(&self) -> Result<u64> {
		let value = self.rpc("state_getStorage", json!([TIMESTAMP_NOW]))?;
		let text =
			value.as_str().ok_or_else(|| anyhow!("{}: no Timestamp::Now: {value}", self.city))?;
		let bytes = text.trim_start_matches("0x");
		if bytes.len() != 16 {
			bail!("{}: Timestamp::Now is not a SCALE u64: {text}", self.city);
		}
		// SCALE: little endian, so the last byte is the most significant.
		let mut ms = 0u64;
		for i in (0..8).rev() {
			ms = (ms << 8) | u64::from_str_radix(&bytes[2 * i..2 * i + 2], 16)?;
		}
		Ok(ms)
	}

	/// The hash of the block at `number` on the node's canonical chain.
	pub fn hash_at(&self, number: u64) -> Result<String> {
		let v = self.rpc("chain_getBlockHash", json!([number]))?;
		v.as_str().map(str::to_string).ok_or_else(|| anyhow!("no block #{number} on {}", self.city))
	}

	/// The number of peers the node is connected to (`system_health`).
	pub fn peers(&self) -> Result<u64> {
		self.rpc("system_health", json!([]))?["peers"]
			.as_u64()
			.ok_or_else(|| anyhow!("system_health has no peer count"))
	}

	/// How many blocks the node has authored so far (its log's "Prepared block" lines).
	pub fn blocks_authored(&self) -> usize {
		fs::read_to_string(&self.log)
			.unwrap_or_default()
			.matches("Prepared block for proposing")
			.count()
	}

	/// The block this node started syncing from (`system_syncState.startingBlock`).
	pub fn starting_block(&self) -> Result<u64> {
		self.rpc("system_syncState", json!([]))?["startingBlock"]
			.as_u64()
			.ok_or_else(|| anyhow!("system_syncState has no startingBlock"))
	}

	/// The last lines of the node's log, for failure messages.
	pub fn log_tail(&self) -> String {
		let text = fs::read_to_string(&self.log).unwrap_or_default();
		let lines: Vec<&str> = text.lines().collect();
		lines[lines.len().saturating_sub(25)..].join("\n")
	}

	/// Kills the node's process group with SIGKILL, as a power cut would.
	pub fn kill(&mut self) {
		if let Some(mut child) = self.process.take() {
			kill_group(&mut child);
		}
	}
}

impl Drop for Node {
	fn drop(&mut self) {
		self.kill();
	}
}

/// A network of the four local validators, each in its own directory under one temporary
/// directory. The nodes are killed when the network is dropped; the directory, with their
/// logs, is removed only if the test ended with [`Network::passed`], and kept otherwise.
pub struct Network {
	/// The nodes, in the order of [`CITY_SEEDS`].
	pub nodes: Vec<Node>,
	/// The network's temporary directory.
	pub dir: TestDir,
	backend: Backend,
	/// The chain the nodes run: `local` (Gansu) or `shaanxi`.
	chain: &'static str,
}

impl Network {
	/// Inserts the four cities' keys and starts their validators.
	///
	/// The nodes are bound to the calling thread ([`bound_to_test`]): start the network from
	/// the test's own thread.
	pub fn start(backend: Backend) -> Result<Network> {
		let cities: Vec<(&'static str, &'static str, u64)> = CITY_SEEDS
			.iter()
			.enumerate()
			.map(|(i, (city, seed))| (*city, *seed, i as u64 + 1))
			.collect();
		Network::start_chain(backend, "local", &cities)
	}

	/// Starts the validators `cities` (name, development seed, node key number) of chain
	/// `chain` (`local`, or `shaanxi`: Xi'an `//Eve` 6, Baoji `//One` 7, Xianyang `//Two` 8),
	/// as [`Network::start`] does the four of `local`.
	pub fn start_chain(
		backend: Backend,
		chain: &'static str,
		cities: &[(&'static str, &'static str, u64)],
	) -> Result<Network> {
		let node_bin = binary("tenderchain-node");
		let dir = TestDir::new(&format!("e2e-{chain}"))?;
		let mut nodes = Vec::new();
		for (city, seed, key) in cities.iter().copied() {
			let base_path = dir.join(city.to_lowercase());
			for (key_type, scheme) in [("aura", "sr25519"), ("gran", "ed25519")] {
				run(Command::new(&node_bin)
					.args([
						"key",
						"insert",
						"--chain",
						chain,
						"--key-type",
						key_type,
						"--scheme",
						scheme,
						"--suri",
						seed,
					])
					.arg("--base-path")
					.arg(&base_path))?;
			}
			// The chain's allow-list admits the peer ids of node keys 0x…01 to 0x…05.
			let (node_key, peer_id) = node_identity(&dir, city, key)?;
			nodes.push(Node {
				city,
				seed,
				log: dir.join(format!("{}.log", city.to_lowercase())),
				base_path,
				p2p_port: free_port(),
				rpc_port: free_port(),
				node_key,
				peer_id,
				validator: true,
				process: None,
			});
		}
		let mut network = Network { nodes, dir, backend, chain };
		for i in 0..network.nodes.len() {
			network.launch(i)?;
		}
		for i in 0..network.nodes.len() {
			network.wait_rpc(i)?;
		}
		Ok(network)
	}

	/// Adds a node that is not one of the four founding validators — a new city's validator
	/// (`validator`, without keys: it makes them with `author_rotateKeysWithOwner`), or a full
	/// node — with node key number `key` (1 to 5 are on the genesis allow-list), and starts it
	/// with the running nodes as bootnodes. Returns its index.
	pub fn add_node(&mut self, name: &'static str, key: u64, validator: bool) -> Result<usize> {
		let (node_key, peer_id) = node_identity(&self.dir, name, key)?;
		self.nodes.push(Node {
			city: name,
			seed: "",
			log: self.dir.join(format!("{}.log", name.to_lowercase())),
			base_path: self.dir.join(name.to_lowercase()),
			p2p_port: free_port(),
			rpc_port: free_port(),
			node_key,
			peer_id,
			validator,
			process: None,
		});
		let i = self.nodes.len() - 1;
		self.launch(i)?;
		self.wait_rpc(i)?;
		Ok(i)
	}

	/// Starts node `i` (again) on its base path.
	pub fn launch(&mut self, i: usize) -> Result<()> {
		let bootnodes: Vec<String> = self
			.nodes
			.iter()
			.enumerate()
			.filter(|(j, _)| *j != i)
			.map(|(_, n)| n.multiaddr())
			.collect();
		let node = &self.nodes[i];
		let log = fs::OpenOptions::new().create(true).append(true).open(&node.log)?;
		let child = bound_to_test(&mut Command::new(binary("tenderchain-node")))
			.args(["--chain", self.chain, "--no-mdns", "--no-prometheus"])
			.args(if node.validator { &["--validator"][..] } else { &[][..] })
			.args(["--network-backend", self.backend.arg()])
			.args(["--name", node.city])
			.arg("--base-path")
			.arg(&node.base_path)
			.args(["--rpc-port", &node.rpc_port.to_string()])
			.args(["--node-key", &node.node_key])
			.args(["--listen-addr", &format!("/ip4/127.0.0.1/tcp/{}", node.p2p_port)])
			.arg("--bootnodes")
			.args(&bootnodes)
			.stdin(Stdio::null())
			.stdout(Stdio::from(log.try_clone()?))
			.stderr(Stdio::from(log))
			.spawn()
			.context("cannot start tenderchain-node")?;
		self.nodes[i].process = Some(child);
		Ok(())
	}

	/// Waits until node `i` answers RPC. A node's first start builds the genesis state in the
	/// runtime's wasm, which on a loaded machine (a build running beside the tests) has taken a
	/// whole minute: hence two.
	pub fn wait_rpc(&self, i: usize) -> Result<()> {
		let node = &self.nodes[i];
		let deadline = Instant::now() + RPC_TIMEOUT;
		while Instant::now() < deadline {
			if node.rpc("system_health", json!([])).is_ok() {
				return Ok(());
			}
			sleep(Duration::from_millis(300));
		}
		bail!("{} did not open its RPC port in {RPC_TIMEOUT:?}:\n{}", node.city, node.log_tail())
	}

	/// Waits up to `timeout` until `cond` holds for every running node.
	pub fn wait_all(
		&self,
		what: &str,
		timeout: Duration,
		cond: impl Fn(&Node) -> Result<bool>,
	) -> Result<()> {
		let deadline = Instant::now() + timeout;
		loop {
			let mut all = true;
			for node in self.nodes.iter().filter(|n| n.is_running()) {
				if !cond(node).unwrap_or(false) {
					all = false;
					break;
				}
			}
			if all {
				return Ok(());
			}
			if Instant::now() > deadline {
				let logs: Vec<String> = self
					.nodes
					.iter()
					.filter(|n| n.is_running())
					.map(|n| format!("--- {} ---\n{}", n.city, n.log_tail()))
					.collect();
				bail!("timed out after {timeout:?} waiting until {what}\n{}", logs.join("\n"));
			}
			sleep(POLL);
		}
	}

	/// Waits until node `i`'s best block has risen `blocks` blocks above where it is now;
	/// returns the best block reached.
	pub fn wait_blocks(&self, i: usize, blocks: u64, timeout: Duration) -> Result<u64> {
		let node = &self.nodes[i];
		let from = node.best()?;
		let mut reached = from;
		wait_until(
			&format!("{}'s best block rises {blocks} blocks above #{from}", node.city),
			timeout,
			|| {
				reached = node.best()?;
				Ok(reached >= from + blocks)
			},
		)
		.with_context(|| format!("{} is at #{reached}:\n{}", node.city, node.log_tail()))?;
		Ok(reached)
	}

	/// Watches the chain go on — node `i`'s best block rising `blocks` blocks — while checking
	/// at every poll that `invariant` still holds. This is how a test asserts that something
	/// does *not* happen (finality stays stalled, a node stays out, a removed validator authors
	/// nothing): over a stretch of the chain's own progress, not over a fixed sleep. Fails as
	/// soon as the invariant fails, or if the best block has not risen `blocks` blocks within
	/// `timeout` (a chain that stood still shows nothing about what did not happen in it).
	/// Returns the best block reached.
	pub fn observe(
		&self,
		i: usize,
		blocks: u64,
		timeout: Duration,
		mut invariant: impl FnMut() -> Result<()>,
	) -> Result<u64> {
		let node = &self.nodes[i];
		let from = node.best()?;
		let deadline = Instant::now() + timeout;
		loop {
			let reached = node.best()?;
			invariant().with_context(|| {
				format!(
					"while watching {}'s best block rise {blocks} blocks from #{from} (now #{reached})",
					node.city
				)
			})?;
			if reached >= from + blocks {
				return Ok(reached);
			}
			if Instant::now() >= deadline {
				bail!(
					"{}'s best block rose only from #{from} to #{reached} in {timeout:?}, not {blocks} \
					 blocks: the chain did not go on\n{}",
					node.city,
					node.log_tail()
				);
			}
			sleep(POLL);
		}
	}

	/// Waits until the chain's time at node `i`'s best block is past `moment_ms` (Unix
	/// milliseconds), `what` naming the moment. Then a transaction sent now lands in a block
	/// stamped after the moment, and the local clock, which the blocks' authors read, is past it
	/// too. Times out a minute after the moment by the local clock.
	pub fn wait_chain_time_past(&self, i: usize, what: &str, moment_ms: u64) -> Result<()> {
		let node = &self.nodes[i];
		let timeout = Duration::from_millis(moment_ms.saturating_sub(unix_now_ms()))
			+ Duration::from_secs(60);
		let mut chain_time = 0;
		wait_until(
			&format!(
				"the chain's time at {}'s best block is past {what} ({})",
				node.city,
				utc_rfc3339(moment_ms / 1000)
			),
			timeout,
			|| {
				chain_time = node.chain_time_ms()?;
				Ok(chain_time > moment_ms)
			},
		)
		.with_context(|| format!("the chain's time is {}", utc_rfc3339(chain_time / 1000)))
	}

	/// The lowest finalized block number among the running nodes.
	pub fn min_finalized(&self) -> Result<u64> {
		let mut min = u64::MAX;
		for node in self.nodes.iter().filter(|n| n.is_running()) {
			min = min.min(node.finalized()?);
		}
		Ok(min)
	}

	/// Checks that no two running nodes have finalized different blocks at the same height,
	/// from block 1 up to the lowest finalized height among them.
	pub fn assert_finality_agrees(&self) -> Result<u64> {
		let upto = self.min_finalized()?;
		for number in 1..=upto {
			let mut seen: Option<(String, &str)> = None;
			for node in self.nodes.iter().filter(|n| n.is_running()) {
				let hash = node.hash_at(number)?;
				match &seen {
					None => seen = Some((hash, node.city)),
					Some((h, city)) if *h != hash => bail!(
						"finality diverged at #{number}: {city} has {h}, {} has {hash}",
						node.city
					),
					_ => {},
				}
			}
		}
		Ok(upto)
	}

	/// Runs `tender` with `args` and returns its exit success, stdout and stderr.
	pub fn tender(args: &[&str]) -> Result<(bool, String, String)> {
		let out = bound_to_test(&mut Command::new(binary("tender")))
			.args(args)
			.env_remove("TENDER_URL")
			.output()?;
		Ok((
			out.status.success(),
			String::from_utf8_lossy(&out.stdout).into_owned(),
			String::from_utf8_lossy(&out.stderr).into_owned(),
		))
	}
}

impl Network {
	/// Ends a test that passed: the nodes are killed and the network's directory removed.
	/// Returns `Ok(())`, for the test to return. A test that ends any other way (an error
	/// returned early, a panic) keeps the directory and the nodes' logs.
	pub fn passed(mut self) -> Result<()> {
		self.dir.pass();
		Ok(())
	}
}

impl Drop for Network {
	fn drop(&mut self) {
		// The nodes stop writing before `dir` is dropped (fields drop after this body).
		for node in &mut self.nodes {
			node.kill();
		}
	}
}

/// The fixed node key number `n` (hex) and its peer id, written to `<dir>/<name>.node-key`.
fn node_identity(dir: &Path, name: &str, n: u64) -> Result<(String, String)> {
	let node_key = format!("{n:064x}");
	let key_file = dir.join(format!("{}.node-key", name.to_lowercase()));
	fs::write(&key_file, &node_key)?;
	let out = run(Command::new(binary("tenderchain-node"))
		.args(["key", "inspect-node-key", "--file"])
		.arg(&key_file))?;
	Ok((node_key, String::from_utf8(out.stdout)?.trim().to_string()))
}

/// The repository's root (for the development CA keys).
pub fn repo_root() -> PathBuf {
	Path::new(env!("CARGO_MANIFEST_DIR"))
		.parent()
		.expect("tests/ is inside the repository")
		.to_path_buf()
}

/// A development certificate authority of the `local` chain.
#[derive(Clone, Copy, Debug)]
pub enum DevCa {
	/// CA 0, Lanzhou.
	Lanzhou,
	/// CA 1, Baiyin.
	Baiyin,
	/// CA 0 of the `shaanxi` chain, Xi'an.
	Xian,
}

impl DevCa {
	/// Its id on chain.
	pub fn id(self) -> u32 {
		match self {
			DevCa::Lanzhou => 0,
			DevCa::Baiyin => 1,
			DevCa::Xian => 0,
		}
	}

	/// Its key file.
	pub fn key_file(self) -> PathBuf {
		let name = match self {
			DevCa::Lanzhou => "lanzhou-ca.key",
			DevCa::Baiyin => "baiyin-ca.key",
			DevCa::Xian => "xian-ca.key",
		};
		repo_root().join("chain-spec/dev-keys").join(name)
	}
}

/// The alphabet of the unified social credit code (统一社会信用代码, GB 32100-2015).
const CREDIT_CODE_ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// A valid unified social credit code made up for `name` (the same name, the same code): a
/// Gansu legal-person prefix, nine characters from a hash of the name, and the GB 32100-2015
/// check character, as `tender ca issue` and `tender expert pool-add` require.
pub fn credit_code(name: &str) -> String {
	// FNV-1a: any stable hash will do, the code need only be valid and distinct.
	let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
	for b in name.bytes() {
		hash = (hash ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3);
	}
	let mut code: Vec<u8> = b"91620100".to_vec();
	for _ in 0..9 {
		code.push(CREDIT_CODE_ALPHABET[(hash % 31) as usize]);
		hash /= 31;
	}
	let weights = [1u32, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
	let sum: u32 = code
		.iter()
		.zip(weights)
		.map(|(c, w)| {
			CREDIT_CODE_ALPHABET.iter().position(|a| a == c).expect("from the alphabet") as u32 * w
		})
		.sum();
	code.push(CREDIT_CODE_ALPHABET[((31 - sum % 31) % 31) as usize]);
	String::from_utf8(code).expect("ASCII")
}

/// Runs every job at once, each on a thread of its own, and returns their results in order
/// (the first error, if any). For `tender` runs by different signers that need not wait for
/// each other: each run ends before its thread does, so the threads' ends harm no process
/// ([`bound_to_test`]).
pub fn in_parallel<T: Send>(
	jobs: Vec<Box<dyn FnOnce() -> Result<T> + Send + '_>>,
) -> Result<Vec<T>> {
	std::thread::scope(|scope| {
		let handles: Vec<_> = jobs.into_iter().map(|job| scope.spawn(job)).collect();
		handles
			.into_iter()
			.map(|h| h.join().map_err(|_| anyhow!("a parallel job panicked"))?)
			.collect()
	})
}

/// The SS58 address of a development seed such as `//Bidder1`.
pub fn account_of(seed: &str) -> Result<String> {
	let out = run(Command::new(binary("tenderchain-node")).args(["key", "inspect", seed]))?;
	let text = String::from_utf8(out.stdout)?;
	text.lines()
		.find_map(|l| l.trim().strip_prefix("SS58 Address:").map(|a| a.trim().to_string()))
		.ok_or_else(|| anyhow!("no SS58 address in `key inspect {seed}`: {text}"))
}

/// The hex (no `0x`, lower case) of the sr25519 public key of development seed `seed`.
pub fn public_key_of(seed: &str) -> Result<String> {
	let out = run(Command::new(binary("tenderchain-node")).args(["key", "inspect", seed]))?;
	let text = String::from_utf8(out.stdout)?;
	text.lines()
		.find_map(|l| {
			l.trim()
				.strip_prefix("Public key (hex):")
				.map(|k| k.trim().trim_start_matches("0x").to_lowercase())
		})
		.ok_or_else(|| anyhow!("no public key in `key inspect {seed}`: {text}"))
}

/// The storage key of `System::Events`: `twox128("System") ‖ twox128("Events")`.
pub const SYSTEM_EVENTS_KEY: &str =
	"0x26aa394eea5630e07c48ae0c9558cef780d41e5e16056765bc8461851072c9d7";

impl Node {
	/// What an observer reads of block `number`: its extrinsics and its events (the encoded
	/// `System::Events`), as the node's RPC gives them (hex, lower case).
	pub fn block_as_observed(&self, number: u64) -> Result<(Vec<String>, String)> {
		let hash = self.hash_at(number)?;
		let block = self.rpc("chain_getBlock", serde_json::json!([hash]))?;
		let extrinsics: Vec<String> = block["block"]["extrinsics"]
			.as_array()
			.ok_or_else(|| anyhow!("block #{number} has no extrinsics list: {block}"))?
			.iter()
			.filter_map(|x| x.as_str().map(str::to_lowercase))
			.collect();
		let events = self.rpc("state_getStorage", serde_json::json!([SYSTEM_EVENTS_KEY, hash]))?;
		let events = events
			.as_str()
			.ok_or_else(|| anyhow!("no events readable at block #{number}: {events}"))?
			.to_lowercase();
		Ok((extrinsics, events))
	}
}

/// A `tender` command running in the background ([`Network::spawn_tender_at`]).
pub struct BackgroundTender {
	child: Option<Child>,
	/// Where its output goes.
	pub log: PathBuf,
}

impl BackgroundTender {
	/// Its output so far.
	pub fn output(&self) -> String {
		fs::read_to_string(&self.log).unwrap_or_default()
	}

	/// Kills it with SIGKILL, as a crash or a power cut would.
	pub fn kill(mut self) {
		if let Some(mut child) = self.child.take() {
			kill_group(&mut child);
		}
	}
}

impl Drop for BackgroundTender {
	fn drop(&mut self) {
		if let Some(mut child) = self.child.take() {
			kill_group(&mut child);
		}
	}
}

/// What a `tender` run returned.
#[derive(Debug)]
pub struct Outcome {
	/// Exit status 0?
	pub ok: bool,
	/// Standard output.
	pub out: String,
	/// Standard error.
	pub err: String,
}

impl Outcome {
	/// Fails with the run's output unless it succeeded.
	pub fn expect_ok(self, what: &str) -> Result<Outcome> {
		if !self.ok {
			bail!("{what} failed:\n{}\n{}", self.out, self.err);
		}
		Ok(self)
	}

	/// Fails unless the run failed with `text` in its error output.
	pub fn expect_refused(self, what: &str, text: &str) -> Result<Outcome> {
		if self.ok || !self.err.contains(text) {
			bail!(
				"{what} should have been refused with '{text}', got ok={}:\n{}\n{}",
				self.ok,
				self.out,
				self.err
			);
		}
		Ok(self)
	}
}

impl Network {
	/// Runs `tender` against node `i`, signing with `signer` if given.
	pub fn tender_at(&self, i: usize, signer: Option<&str>, args: &[&str]) -> Result<Outcome> {
		let mut cmd = Command::new(binary("tender"));
		bound_to_test(&mut cmd);
		cmd.env_remove("TENDER_URL")
			.env_remove("TENDER_SIGNER")
			.args(["--url", &self.nodes[i].ws_url()]);
		if let Some(s) = signer {
			cmd.args(["--signer", s]);
		}
		let out = cmd.args(args).current_dir(&self.dir).output()?;
		Ok(Outcome {
			ok: out.status.success(),
			out: String::from_utf8_lossy(&out.stdout).into_owned(),
			err: String::from_utf8_lossy(&out.stderr).into_owned(),
		})
	}

	/// Starts `tender` against node `i` in the background (signing with `signer` if given),
	/// its output going to `<network dir>/<log>`; the test stops it with [`BackgroundTender`].
	pub fn spawn_tender_at(
		&self,
		i: usize,
		signer: Option<&str>,
		args: &[&str],
		log: &str,
	) -> Result<BackgroundTender> {
		let path = self.dir.join(log);
		let out = fs::File::create(&path)?;
		let mut cmd = Command::new(binary("tender"));
		bound_to_test(&mut cmd);
		cmd.env_remove("TENDER_URL")
			.env_remove("TENDER_SIGNER")
			.args(["--url", &self.nodes[i].ws_url()]);
		if let Some(s) = signer {
			cmd.args(["--signer", s]);
		}
		let child =
			cmd.args(args).current_dir(&self.dir).stdout(out.try_clone()?).stderr(out).spawn()?;
		Ok(BackgroundTender { child: Some(child), log: path })
	}

	/// Writes a file into the network's directory and returns its path.
	pub fn file(&self, name: &str, contents: &[u8]) -> Result<PathBuf> {
		let path = self.dir.join(name);
		fs::write(&path, contents)?;
		Ok(path)
	}

	/// Issues a certificate from `ca` for the account of `seed` and registers it through the
	/// client; returns the account. The legal identity is [`credit_code`] of the seed (an
	/// organisation), or for an expert (`roles` "expert") a person's id number, salted.
	pub fn certify(
		&self,
		seed: &str,
		ca: DevCa,
		serial: u64,
		roles: &str,
		city: &str,
	) -> Result<String> {
		let account = account_of(seed)?;
		let cert = self.dir.join(format!("cert-{}-{serial}.json", ca.id()));
		let key = ca.key_file();
		let (identity, identity_salt) = if roles == "expert" {
			(format!("62010219800101{:04}", serial % 10_000), format!("salt-{seed}"))
		} else {
			(credit_code(seed), String::new())
		};
		self.tender_at(
			0,
			None,
			&[
				"ca",
				"issue",
				"--ca-key",
				key.to_str().expect("utf-8 path"),
				"--authority",
				&ca.id().to_string(),
				"--serial",
				&serial.to_string(),
				"--account",
				&account,
				"--identity",
				&identity,
				"--identity-salt",
				&identity_salt,
				"--name",
				seed.trim_start_matches('/'),
				"--roles",
				roles,
				"--city",
				city,
				"--out",
				cert.to_str().expect("utf-8 path"),
			],
		)?
		.expect_ok("tender ca issue")?;
		self.tender_at(1, None, &["participant", "register", cert.to_str().expect("utf-8 path")])?
			.expect_ok("tender participant register")?;
		Ok(account)
	}

	/// The next nonce of `account` on node `i`.
	pub fn next_nonce(&self, i: usize, account: &str) -> Result<u64> {
		self.nodes[i]
			.rpc("system_accountNextIndex", json!([account]))?
			.as_u64()
			.ok_or_else(|| anyhow!("system_accountNextIndex returned no number"))
	}
}

/// Now, in Unix milliseconds, by the local clock (which the nodes' authors read too).
pub fn unix_now_ms() -> u64 {
	SystemTime::now().duration_since(UNIX_EPOCH).expect("after 1970").as_millis() as u64
}

/// A time `secs` seconds from now, as `tender` takes it: RFC 3339 in UTC
/// (`2026-12-01T02:00:00Z`). The client accepts any offset; it shows times in China time.
pub fn in_seconds(secs: u64) -> String {
	utc_rfc3339(unix_now_ms() / 1000 + secs)
}

/// `unix_secs` as RFC 3339 in UTC: `2026-12-01T02:00:00Z`.
pub fn utc_rfc3339(unix_secs: u64) -> String {
	// Unix seconds to a UTC calendar date (proleptic Gregorian), days-from-civil inverse.
	let days = unix_secs / 86_400;
	let rem = unix_secs % 86_400;
	let (h, m, s) = (rem / 3600, (rem % 3600) / 60, rem % 60);
	let z = days as i64 + 719_468;
	let era = z.div_euclid(146_097);
	let doe = z - era * 146_097;
	let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
	let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	let mp = (5 * doy + 2) / 153;
	let d = doy - (153 * mp + 2) / 5 + 1;
	let mo = if mp < 10 { mp + 3 } else { mp - 9 };
	let y = yoe + era * 400 + if mo <= 2 { 1 } else { 0 };
	format!("{y:04}-{mo:02}-{d:02}T{h:02}:{m:02}:{s:02}Z")
}

/// Parses a time as the client shows it (`2026-12-01 10:00:00 +08:00`) into Unix seconds.
pub fn parse_shown_time(text: &str) -> Result<u64> {
	let bad =
		|| anyhow!("'{text}' is not a time as `tender` shows it (2026-12-01 10:00:00 +08:00)");
	let mut parts = text.trim().split(' ');
	let (Some(date), Some(clock), Some(offset), None) =
		(parts.next(), parts.next(), parts.next(), parts.next())
	else {
		return Err(bad());
	};
	let numbers = |field: &str, sep: char| -> Result<Vec<i64>> {
		field.split(sep).map(|n| n.parse::<i64>().map_err(|_| bad())).collect()
	};
	let (date, clock) = (numbers(date, '-')?, numbers(clock, ':')?);
	let (sign, offset) = match offset.split_at_checked(1) {
		Some(("+", rest)) => (1, numbers(rest, ':')?),
		Some(("-", rest)) => (-1, numbers(rest, ':')?),
		_ => return Err(bad()),
	};
	let (&[y, mo, d], &[h, mi, s], &[oh, om]) = (&date[..], &clock[..], &offset[..]) else {
		return Err(bad());
	};
	// Days from civil (proleptic Gregorian), the inverse of `utc_rfc3339`'s.
	let y = if mo <= 2 { y - 1 } else { y };
	let era = y.div_euclid(400);
	let yoe = y - era * 400;
	let doy = (153 * ((mo + 9) % 12) + 2) / 5 + d - 1;
	let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	let days = era * 146_097 + doe - 719_468;
	let secs = days * 86_400 + h * 3600 + mi * 60 + s - sign * (oh * 3600 + om * 60);
	u64::try_from(secs).map_err(|_| bad())
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn utc_times_are_written_as_rfc_3339() {
		assert_eq!(utc_rfc3339(0), "1970-01-01T00:00:00Z");
		assert_eq!(utc_rfc3339(951_868_799), "2000-02-29T23:59:59Z");
		assert_eq!(utc_rfc3339(1_796_090_400), "2026-12-01T02:00:00Z");
		assert_eq!(utc_rfc3339(4_107_542_400), "2100-03-01T00:00:00Z");
	}

	#[test]
	fn shown_times_are_read_with_their_offset() {
		assert_eq!(parse_shown_time("2026-12-01 10:00:00 +08:00").unwrap(), 1_796_090_400);
		assert_eq!(parse_shown_time("2026-12-01 02:00:00 +00:00").unwrap(), 1_796_090_400);
		assert_eq!(parse_shown_time("2000-03-01 07:59:59 +08:00").unwrap(), 951_868_799);
		assert_eq!(parse_shown_time("2100-02-28 19:00:00 -05:00").unwrap(), 4_107_542_400);
		let bad_times =
			["2026-12-01 10:00:00", "2026-12-01T10:00:00+08:00", "soon", "2026-12 10:00:00 +08:00"];
		for bad in bad_times {
			assert!(parse_shown_time(bad).is_err(), "{bad} was read");
		}
	}

	#[test]
	fn written_and_shown_times_agree() {
		for secs in [0, 86_399, 1_709_164_800, 1_796_090_400, 4_107_542_399] {
			let utc = utc_rfc3339(secs);
			let shown = format!("{} {} +00:00", &utc[..10], &utc[11..19]);
			assert_eq!(parse_shown_time(&shown).unwrap(), secs, "{utc}");
		}
	}
}
