//! The transaction pool as the network's transactions protocol sees it: the same pool, but each
//! periodic rebroadcast offers at most [`REBROADCAST_LIMIT`] ready transactions.
//!
//! Why: Substrate's transactions handler sends every transaction as its own notification, and
//! each peer connection buffers at most 2,048 notifications (both network backends). Every
//! 2.9 s it rebroadcasts *all* ready transactions a peer has not seen; after a peer (re)connects
//! that is the whole pool. With more than 2,048 ready transactions, the buffer overflows and
//! the backend closes the peer's transactions substream; when it reopens, the next rebroadcast
//! overflows it again (read from sc-network-transactions 0.59 and sc-network 0.60; it matches
//! issue 18's observation of thousands of transactions submitted at once to one node, which the
//! other validators' pools barely received). Offering the rebroadcast at most a bounded number
//! (by priority, as the pool orders them) keeps each such burst below the buffer; the rest
//! follow in the next rounds. New transactions are still sent at once, as they arrive, so a
//! burst of new submissions can still overflow the buffer: the load benchmark
//! (`scripts/bench-throughput.sh`) is what shows how far this goes.

use std::{collections::HashMap, pin::Pin, sync::Arc};

use sc_transaction_pool_api::{
	ImportNotificationStream, PoolStatus, ReadyTransactions, TransactionFor, TransactionPool,
	TransactionSource, TransactionStatusStreamFor, TxHash, TxInvalidityReportMap,
};
use sp_runtime::traits::Block as BlockT;

/// The most ready transactions one periodic rebroadcast offers: half a peer's notification
/// buffer (2,048), leaving room for the new transactions sent meanwhile.
pub const REBROADCAST_LIMIT: usize = 1024;

/// The pool handed to the network: [`TransactionPool::ready`] yields at most
/// `rebroadcast_limit` transactions; every other method is the pool's own.
pub struct NetworkPool<P> {
	/// The node's transaction pool.
	pub pool: Arc<P>,
	/// The most ready transactions one rebroadcast offers (`None`: all, as Substrate does).
	pub rebroadcast_limit: Option<usize>,
}

/// The first `left` transactions of a pool's ready iterator.
struct Capped<I: ?Sized> {
	inner: Box<I>,
	left: usize,
}

impl<T, I: ReadyTransactions<Item = T> + ?Sized> Iterator for Capped<I> {
	type Item = T;

	fn next(&mut self) -> Option<T> {
		if self.left == 0 {
			return None;
		}
		self.left -= 1;
		self.inner.next()
	}
}

impl<T, I: ReadyTransactions<Item = T> + ?Sized> ReadyTransactions for Capped<I> {
	fn report_invalid(&mut self, tx: &T) {
		self.inner.report_invalid(tx)
	}
}

#[async_trait::async_trait]
impl<P> TransactionPool for NetworkPool<P>
where
	P: TransactionPool + 'static,
	P::InPoolTransaction: 'static,
{
	type Block = P::Block;
	type Hash = P::Hash;
	type InPoolTransaction = P::InPoolTransaction;
	type Error = P::Error;

	async fn submit_at(
		&self,
		at: <Self::Block as BlockT>::Hash,
		source: TransactionSource,
		xts: Vec<TransactionFor<Self>>,
	) -> Result<Vec<Result<TxHash<Self>, Self::Error>>, Self::Error> {
		self.pool.submit_at(at, source, xts).await
	}

	async fn submit_one(
		&self,
		at: <Self::Block as BlockT>::Hash,
		source: TransactionSource,
		xt: TransactionFor<Self>,
	) -> Result<TxHash<Self>, Self::Error> {
		self.pool.submit_one(at, source, xt).await
	}

	async fn submit_and_watch(
		&self,
		at: <Self::Block as BlockT>::Hash,
		source: TransactionSource,
		xt: TransactionFor<Self>,
	) -> Result<Pin<Box<TransactionStatusStreamFor<Self>>>, Self::Error> {
		self.pool.submit_and_watch(at, source, xt).await
	}

	async fn ready_at(
		&self,
		at: <Self::Block as BlockT>::Hash,
	) -> Box<dyn ReadyTransactions<Item = Arc<Self::InPoolTransaction>> + Send> {
		self.pool.ready_at(at).await
	}

	fn ready(&self) -> Box<dyn ReadyTransactions<Item = Arc<Self::InPoolTransaction>> + Send> {
		match self.rebroadcast_limit {
			Some(limit) => Box::new(Capped { inner: self.pool.ready(), left: limit }),
			None => self.pool.ready(),
		}
	}

	async fn report_invalid(
		&self,
		at: Option<<Self::Block as BlockT>::Hash>,
		invalid_tx_errors: TxInvalidityReportMap<TxHash<Self>>,
	) -> Vec<Arc<Self::InPoolTransaction>> {
		self.pool.report_invalid(at, invalid_tx_errors).await
	}

	fn futures(&self) -> Vec<Self::InPoolTransaction> {
		self.pool.futures()
	}

	fn status(&self) -> PoolStatus {
		self.pool.status()
	}

	fn import_notification_stream(&self) -> ImportNotificationStream<TxHash<Self>> {
		self.pool.import_notification_stream()
	}

	fn on_broadcasted(&self, propagations: HashMap<TxHash<Self>, Vec<String>>) {
		self.pool.on_broadcasted(propagations)
	}

	fn hash_of(&self, xt: &TransactionFor<Self>) -> TxHash<Self> {
		self.pool.hash_of(xt)
	}

	fn ready_transaction(&self, hash: &TxHash<Self>) -> Option<Arc<Self::InPoolTransaction>> {
		self.pool.ready_transaction(hash)
	}

	async fn ready_at_with_timeout(
		&self,
		at: <Self::Block as BlockT>::Hash,
		timeout: std::time::Duration,
	) -> Box<dyn ReadyTransactions<Item = Arc<Self::InPoolTransaction>> + Send> {
		self.pool.ready_at_with_timeout(at, timeout).await
	}
}
