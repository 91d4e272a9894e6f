//! The node's RPC methods beyond Substrate's standard set: account nonces
//! (`system_accountNextIndex`) and GRANDPA (`grandpa_roundState`,
//! `grandpa_proveFinality`, `grandpa_subscribeJustifications`), which auditors and
//! cross-chain relayers use to obtain finality proofs.

use std::sync::Arc;

use jsonrpsee::RpcModule;
use sc_consensus_grandpa::{
	FinalityProofProvider, GrandpaJustificationStream, SharedAuthoritySet, SharedVoterState,
};
use sc_consensus_grandpa_rpc::{Grandpa, GrandpaApiServer};
use sc_rpc::SubscriptionTaskExecutor;
use sc_transaction_pool_api::TransactionPool;
use sp_api::ProvideRuntimeApi;
use sp_block_builder::BlockBuilder;
use sp_blockchain::{Error as BlockChainError, HeaderBackend, HeaderMetadata};
use substrate_frame_rpc_system::{System, SystemApiServer};
use tenderchain_runtime::{opaque::Block, AccountId, BlockNumber, Hash, Nonce};

/// What the GRANDPA RPC methods read.
pub struct GrandpaDeps<B> {
	/// The voter's round state.
	pub shared_voter_state: SharedVoterState,
	/// The current authority set.
	pub shared_authority_set: SharedAuthoritySet<Hash, BlockNumber>,
	/// The stream of justifications of newly finalized blocks.
	pub justification_stream: GrandpaJustificationStream<Block>,
	/// The executor that runs subscriptions.
	pub subscription_executor: SubscriptionTaskExecutor,
	/// Makes finality proofs from the database.
	pub finality_provider: Arc<FinalityProofProvider<B, Block>>,
}

/// What the full node's RPC methods read.
pub struct FullDeps<C, P, B> {
	/// The client.
	pub client: Arc<C>,
	/// The transaction pool.
	pub pool: Arc<P>,
	/// GRANDPA.
	pub grandpa: GrandpaDeps<B>,
}

/// Builds the RPC methods of a full node.
pub fn create_full<C, P, B>(
	deps: FullDeps<C, P, B>,
) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>>
where
	C: ProvideRuntimeApi<Block>
		+ HeaderBackend<Block>
		+ HeaderMetadata<Block, Error = BlockChainError>
		+ Send
		+ Sync
		+ 'static,
	C::Api: substrate_frame_rpc_system::AccountNonceApi<Block, AccountId, Nonce>,
	C::Api: BlockBuilder<Block>,
	P: TransactionPool + 'static,
	B: sc_client_api::Backend<Block> + Send + Sync + 'static,
	B::State: sc_client_api::StateBackend<sp_runtime::traits::HashingFor<Block>>,
{
	let mut module = RpcModule::new(());
	let FullDeps { client, pool, grandpa } = deps;

	module.merge(System::new(client, pool).into_rpc())?;
	module.merge(
		Grandpa::new(
			grandpa.subscription_executor,
			grandpa.shared_authority_set,
			grandpa.shared_voter_state,
			grandpa.justification_stream,
			grandpa.finality_provider,
		)
		.into_rpc(),
	)?;
	Ok(module)
}
