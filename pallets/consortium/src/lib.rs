//! # Consortium pallet
//!
//! ## Overview
//!
//! The register of the cities that form the tenderchain consortium, and the rules by which the
//! consortium changes. Each city's public-resource trading centre (交易中心) runs a validator
//! node and acts on chain through its trading-centre account.
//!
//! A city's record holds its id, name and province, its trading-centre account, the session keys
//! (Aura + GRANDPA) of its validator, and the peer ids of its nodes. Three things follow the
//! register, so that no single operator can change them:
//!
//! - **The council.** The trading centres of the admitted cities are the members of the council
//!   (an instance of `pallet-collective`, given as [`Config::Council`]). A two-thirds majority of
//!   the council is the consortium origin ([`Config::ConsortiumOrigin`]), which alone admits and
//!   removes cities.
//! - **The validator set.** This pallet is the `SessionManager` of `pallet-session`: when the
//!   register changes, the next session queues the admitted cities' validators, and they author
//!   blocks (Aura) and vote on finality (GRANDPA) from the session after that.
//! - **The node allow-list.** Each city's peer ids are the well-known nodes of
//!   `pallet-node-authorization`; validators connect only to them (see the node's `allow_list`).
//!
//! ## Dispatchable functions
//!
//! - [`Pallet::admit_city`] (consortium origin): admit a city with its keys and peer ids.
//! - [`Pallet::remove_city`] (consortium origin): remove a city; refused below
//!   [`Config::MinValidators`].
//! - [`Pallet::rotate_session_keys`] (the city's trading centre): new validator keys.
//! - [`Pallet::replace_peer_id`] (the city's trading centre): a new node identity.
//! - [`Pallet::enact`] (consortium origin): dispatch a call as Root — the council is the chain's
//!   root authority (runtime upgrades, stored parameters). The runtime has no sudo pallet on any
//!   chain; the `dev` chain's council has one member, so a developer governs alone there only.
//!
//! Every argument is bounded by its type: a city id is at most 16 bytes, a name `MaxNameLen`,
//! a peer id 64 bytes, at most `MaxPeersPerCity` of them, a key-ownership proof 1024 bytes.
//!
//! ## Who can do what
//!
//! - **The consortium** (two thirds of the cities' trading centres voting aye in the council):
//!   admit and remove cities, and act as Root through [`Pallet::enact`]. Abstentions count as
//!   nays in the runtime's council (no prime member's default vote), so a motion needs the
//!   ayes themselves.
//! - **One city's trading centre**: rotate its own validator's session keys, replace its own
//!   nodes' peer ids, and propose, vote on and close council motions. It cannot change another
//!   city's record, admit or remove a city, or reach Root alone; it may have at most
//!   [`Config::MaxOpenProposalsPerMember`] motions open at once ([`ProposalTicket`]), so it
//!   cannot fill the council's motion queue.
//! - **Anyone else**: nothing here, except giving back the ticket of a motion that has ended
//!   (the council's `release_proposal_cost`).
//!
//! Every refused call names the rule it broke, and leaves storage as it was: a dispatchable
//! runs in a storage transaction, so an error after a partial write rolls the writes back.
//!
//! ## Interface for other pallets
//!
//! [`Pallet::trading_centre_of`] returns the trading-centre account of an admitted city, and
//! [`Pallet::city_of_trading_centre`] the city a trading-centre account belongs to.

#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]

extern crate alloc;

pub use pallet::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod weights;

#[frame_support::pallet]
pub mod pallet {
	use super::WeightInfo;
	use alloc::{string::String, vec::Vec};
	use codec::Encode;
	use frame_support::{
		dispatch::{GetDispatchInfo, PostDispatchInfo},
		pallet_prelude::*,
		traits::{ChangeMembers, InitializeMembers},
		CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
	};
	use frame_system::{pallet_prelude::*, RawOrigin};
	use sp_core::OpaquePeerId;
	use sp_runtime::traits::{Dispatchable, OpaqueKeys, StaticLookup};
	use sp_staking::SessionIndex;

	/// The identifier of a city: a short code such as `BY` for Baiyin, unique in the consortium.
	pub type CityId = BoundedVec<u8, ConstU32<16>>;

	/// The longest peer id, in bytes. An ed25519 libp2p peer id is 38 bytes.
	pub const MAX_PEER_ID_LEN: u32 = 64;

	/// A libp2p peer id in its binary (multihash) form, as `pallet-node-authorization` keeps it.
	pub type PeerId = BoundedVec<u8, ConstU32<MAX_PEER_ID_LEN>>;

	/// The longest SCALE encoding of a city's session keys, in bytes.
	pub const MAX_SESSION_KEYS_LEN: u32 = 256;

	/// The SCALE encoding of a city's session keys (the runtime's `SessionKeys`: Aura, GRANDPA).
	pub type EncodedSessionKeys = BoundedVec<u8, ConstU32<MAX_SESSION_KEYS_LEN>>;

	/// The longest session-key ownership proof accepted, in bytes (one signature per key).
	pub const MAX_PROOF_LEN: usize = 1024;

	/// A session-key ownership proof, at most [`MAX_PROOF_LEN`] bytes.
	pub type SessionKeysProof = BoundedVec<u8, ConstU32<{ MAX_PROOF_LEN as u32 }>>;

	/// What the consortium knows about one admitted city.
	#[derive(
		CloneNoBound,
		PartialEqNoBound,
		EqNoBound,
		Encode,
		Decode,
		DebugNoBound,
		TypeInfo,
		MaxEncodedLen,
	)]
	#[scale_info(skip_type_params(MaxNameLen, MaxPeers))]
	pub struct City<
		AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
		MaxNameLen: Get<u32>,
		MaxPeers: Get<u32>,
	> {
		/// The city's name, UTF-8 (for example `Baiyin` or `白银`).
		pub name: BoundedVec<u8, MaxNameLen>,
		/// The province the city belongs to, UTF-8.
		pub province: BoundedVec<u8, MaxNameLen>,
		/// The account with which the city's trading centre signs its transactions; it is also
		/// the city's validator id and council seat.
		pub trading_centre: AccountId,
		/// The session keys of the city's validator, SCALE-encoded as the runtime's
		/// `SessionKeys` (Aura sr25519, then GRANDPA ed25519). `pallet-session` holds the same
		/// keys; this copy lets anyone read a city's keys from its record.
		pub session_keys: EncodedSessionKeys,
		/// The peer ids of the city's nodes (its validator, and any full node it runs for
		/// auditors); all of them are on the node allow-list.
		pub peers: BoundedVec<PeerId, MaxPeers>,
	}

	/// The record type stored for a city in this runtime.
	pub type CityOf<T> = City<
		<T as frame_system::Config>::AccountId,
		<T as Config>::MaxNameLen,
		<T as Config>::MaxPeersPerCity,
	>;

	/// The session keys type of the runtime.
	pub type KeysOf<T> = <T as pallet_session::Config>::Keys;

	/// A founding city in the genesis configuration:
	/// `(id, name, province, trading-centre account, session keys, peer ids)`.
	pub type GenesisCity<T> =
		(String, String, String, <T as frame_system::Config>::AccountId, KeysOf<T>, Vec<Vec<u8>>);

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the consortium pallet.
	///
	/// The pallet drives `pallet-session` (validator ids are trading-centre accounts) and
	/// `pallet-node-authorization` (whose add, remove and swap origins must accept `Root`, which
	/// only this pallet and, on development chains, the sudo key can reach).
	#[pallet::config]
	pub trait Config:
		frame_system::Config<RuntimeEvent: From<Event<Self>>>
		+ pallet_session::Config<ValidatorId = <Self as frame_system::Config>::AccountId>
		+ pallet_node_authorization::Config
	{
		/// The consortium: a two-thirds majority of the council.
		type ConsortiumOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// The runtime's call type, for [`Pallet::enact`].
		type RuntimeCall: Parameter
			+ Dispatchable<RuntimeOrigin = Self::RuntimeOrigin, PostInfo = PostDispatchInfo>
			+ GetDispatchInfo
			+ From<frame_system::Call<Self>>;
		/// The council whose members are the admitted cities' trading centres.
		type Council: ChangeMembers<Self::AccountId> + InitializeMembers<Self::AccountId>;
		/// The largest number of cities the consortium can hold (at most the council's size).
		#[pallet::constant]
		type MaxCities: Get<u32>;
		/// The fewest cities (validators) the consortium may have; a removal that would leave
		/// fewer is refused.
		#[pallet::constant]
		type MinValidators: Get<u32>;
		/// The longest city or province name, in bytes.
		#[pallet::constant]
		type MaxNameLen: Get<u32>;
		/// The most nodes (peer ids) one city may put on the allow-list.
		#[pallet::constant]
		type MaxPeersPerCity: Get<u32>;
		/// The most council motions one member may have open at a time (see [`ProposalTicket`]),
		/// so that no city fills the council's motion queue (`MaxProposals`) alone.
		#[pallet::constant]
		type MaxOpenProposalsPerMember: Get<u32>;
		/// The weights of this pallet's calls.
		type WeightInfo: WeightInfo;
		/// Session keys with a valid ownership proof, for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self>;
	}

	/// What the benchmarks need from the runtime.
	#[cfg(feature = "runtime-benchmarks")]
	pub trait BenchmarkHelper<T: Config> {
		/// Fresh session keys, distinct for each `seed`, and the proof that `owner` holds them.
		fn session_keys(owner: &T::AccountId, seed: u32) -> (KeysOf<T>, Vec<u8>);
	}

	/// The admitted cities, by city id.
	///
	/// Blake2_128Concat: city ids are chosen by the consortium, and the hasher keeps the id
	/// readable from the key, which auditors use to list cities.
	#[pallet::storage]
	pub type Cities<T: Config> = CountedStorageMap<_, Blake2_128Concat, CityId, CityOf<T>>;

	/// How many council motions each account has open (holds a [`ProposalTicket`] for).
	///
	/// Blake2_128Concat: the keys are accounts, which a caller chooses. An entry is removed when
	/// its count falls to zero, so the map holds only members with open motions (at most
	/// `MaxMembers` accounts times `MaxOpenProposalsPerMember` tickets).
	#[pallet::storage]
	pub type OpenProposals<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, OptionQuery>;

	/// The city of each trading-centre account.
	///
	/// Blake2_128Concat: account ids are chosen by their holders.
	#[pallet::storage]
	pub type CityOfTradingCentre<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, CityId>;

	/// The city each admitted peer id belongs to.
	///
	/// Blake2_128Concat: peer ids are chosen by node operators.
	#[pallet::storage]
	pub type CityOfPeer<T: Config> = StorageMap<_, Blake2_128Concat, PeerId, CityId>;

	/// Whether the register changed since the validator set was last queued.
	#[pallet::storage]
	pub type ValidatorSetChanged<T: Config> = StorageValue<_, bool, ValueQuery>;

	/// The cities of the consortium at genesis.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The founding cities. Their trading centres form the council; the same keys and peer
		/// ids must be given to `pallet-session` and `pallet-node-authorization`'s genesis.
		pub cities: Vec<GenesisCity<T>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			// A wrong genesis configuration must stop the chain from being created at all, so
			// the panics below happen only while building genesis, never in a block.
			assert!(
				self.cities.len() as u32 <= T::MaxCities::get(),
				"genesis lists more cities than MaxCities"
			);
			let mut council = Vec::new();
			for (id, name, province, trading_centre, keys, peers) in &self.cities {
				let id: CityId = id
					.as_bytes()
					.to_vec()
					.try_into()
					.expect("genesis city id longer than 16 bytes");
				assert!(!Cities::<T>::contains_key(&id), "genesis lists a city id twice");
				assert!(
					!CityOfTradingCentre::<T>::contains_key(trading_centre),
					"genesis gives two cities the same trading-centre account"
				);
				let peers: BoundedVec<PeerId, T::MaxPeersPerCity> = peers
					.iter()
					.map(|p| PeerId::try_from(p.clone()).expect("genesis peer id too long"))
					.collect::<Vec<_>>()
					.try_into()
					.expect("genesis city has more peer ids than MaxPeersPerCity");
				for peer in &peers {
					assert!(!CityOfPeer::<T>::contains_key(peer), "genesis lists a peer id twice");
					CityOfPeer::<T>::insert(peer, id.clone());
				}
				let city = City {
					name: name.as_bytes().to_vec().try_into().expect("genesis city name too long"),
					province: province
						.as_bytes()
						.to_vec()
						.try_into()
						.expect("genesis province name too long"),
					trading_centre: trading_centre.clone(),
					session_keys: keys.encode().try_into().expect("session keys too long"),
					peers,
				};
				frame_system::Pallet::<T>::inc_providers(trading_centre);
				CityOfTradingCentre::<T>::insert(trading_centre, id.clone());
				Cities::<T>::insert(id, city);
				council.push(trading_centre.clone());
			}
			council.sort();
			T::Council::initialize_members(&council);
		}
	}

	/// Events of the consortium.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A city was admitted; its validator joins from the session after next.
		CityAdmitted {
			/// The city's id.
			city: CityId,
			/// Its trading-centre account (validator id and council seat).
			trading_centre: T::AccountId,
		},
		/// A city was removed; its validator leaves from the session after next.
		CityRemoved {
			/// The city's id.
			city: CityId,
			/// Its former trading-centre account.
			trading_centre: T::AccountId,
		},
		/// A city's validator has new session keys, used from the session after next.
		SessionKeysRotated {
			/// The city's id.
			city: CityId,
		},
		/// A city's node identity changed on the allow-list.
		PeerIdReplaced {
			/// The city's id.
			city: CityId,
			/// The peer id taken off the allow-list.
			old: PeerId,
			/// The peer id put on it.
			new: PeerId,
		},
		/// The consortium enacted a call as Root (for example a runtime upgrade).
		Enacted {
			/// The call's result.
			result: DispatchResult,
		},
		/// A new validator set was queued; it takes effect at the start of the next session.
		ValidatorSetQueued {
			/// The session in which the set starts to author and finalize.
			session: SessionIndex,
			/// The validators (trading-centre accounts), in city-id order.
			validators: Vec<T::AccountId>,
		},
	}

	/// Why a consortium call was refused.
	#[pallet::error]
	pub enum Error<T> {
		/// The city id is empty or longer than 16 bytes.
		InvalidCityId,
		/// A city with this id is already admitted.
		CityIdTaken,
		/// The city or province name is empty or too long.
		InvalidName,
		/// This account is already the trading centre of another city.
		TradingCentreTaken,
		/// No city with this id is admitted.
		UnknownCity,
		/// The signer is not the trading centre of an admitted city.
		NotATradingCentre,
		/// The consortium already has `MaxCities` cities.
		TooManyCities,
		/// Removing this city would leave fewer validators than `MinValidators`.
		BelowMinimumValidators,
		/// The session keys (or one of them) are already used by another city's validator.
		SessionKeysInUse,
		/// The ownership proof does not show that the trading centre holds these session keys.
		InvalidSessionKeysProof,
		/// A city must list at least one node (its validator) for the allow-list.
		NoPeerIds,
		/// More peer ids than `MaxPeersPerCity`.
		TooManyPeerIds,
		/// A peer id is empty or longer than 64 bytes.
		InvalidPeerId,
		/// The peer id is already on the allow-list (for this or another city), or listed twice.
		PeerIdInUse,
		/// The peer id to replace is not one of this city's.
		UnknownPeerId,
		/// The member already has `MaxOpenProposalsPerMember` council motions open: close them
		/// (and call the council's `release_proposal_cost` for each) before proposing another.
		TooManyOpenProposals,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Admit a city (consortium origin: a two-thirds council motion).
		///
		/// `session_keys` are the city validator's public session keys and `proof` shows that
		/// the `trading_centre` account holds them (the node's `author_rotateKeysWithOwner`
		/// returns both). `peers` are the binary peer ids of the city's nodes. The trading centre
		/// joins the council at once; the validator authors from the session after next.
		#[pallet::call_index(0)]
		#[pallet::weight(<T as Config>::WeightInfo::admit_city(T::MaxCities::get()))]
		pub fn admit_city(
			origin: OriginFor<T>,
			id: CityId,
			name: BoundedVec<u8, T::MaxNameLen>,
			province: BoundedVec<u8, T::MaxNameLen>,
			trading_centre: T::AccountId,
			session_keys: KeysOf<T>,
			proof: SessionKeysProof,
			peers: BoundedVec<PeerId, T::MaxPeersPerCity>,
		) -> DispatchResult {
			T::ConsortiumOrigin::ensure_origin(origin)?;
			let (name, province, proof) =
				(name.into_inner(), province.into_inner(), proof.into_inner());
			let peers: Vec<Vec<u8>> = peers.into_iter().map(|p| p.into_inner()).collect();
			ensure!(!id.is_empty(), Error::<T>::InvalidCityId);
			ensure!(!Cities::<T>::contains_key(&id), Error::<T>::CityIdTaken);
			let name = Self::bounded_name(name)?;
			let province = Self::bounded_name(province)?;
			ensure!(
				!CityOfTradingCentre::<T>::contains_key(&trading_centre),
				Error::<T>::TradingCentreTaken
			);
			ensure!(Cities::<T>::count() < T::MaxCities::get(), Error::<T>::TooManyCities);
			let peers = Self::new_peers(peers)?;
			let encoded_keys = Self::check_keys(&trading_centre, &session_keys, &proof)?;

			// The account must exist before pallet-session takes a consumer reference on it.
			frame_system::Pallet::<T>::inc_providers(&trading_centre);
			pallet_session::Pallet::<T>::set_keys(
				RawOrigin::Signed(trading_centre.clone()).into(),
				session_keys,
				proof,
			)?;
			for peer in &peers {
				pallet_node_authorization::Pallet::<T>::add_well_known_node(
					RawOrigin::Root.into(),
					OpaquePeerId(peer.to_vec()),
					T::Lookup::unlookup(trading_centre.clone()),
				)?;
				CityOfPeer::<T>::insert(peer, id.clone());
			}
			let mut council = Self::council_after(None);
			council.push(trading_centre.clone());
			council.sort();
			T::Council::change_members_sorted(
				core::slice::from_ref(&trading_centre),
				&[],
				&council,
			);
			CityOfTradingCentre::<T>::insert(&trading_centre, id.clone());
			Cities::<T>::insert(
				&id,
				City {
					name,
					province,
					trading_centre: trading_centre.clone(),
					session_keys: encoded_keys,
					peers,
				},
			);
			ValidatorSetChanged::<T>::put(true);
			Self::deposit_event(Event::CityAdmitted { city: id, trading_centre });
			Ok(())
		}

		/// Remove a city (consortium origin: a two-thirds council motion).
		///
		/// Its trading centre leaves the council and its nodes the allow-list at once; its
		/// validator stops authoring from the session after next. Refused if fewer than
		/// `MinValidators` cities would remain.
		#[pallet::call_index(1)]
		#[pallet::weight(<T as Config>::WeightInfo::remove_city(T::MaxCities::get()))]
		pub fn remove_city(origin: OriginFor<T>, id: CityId) -> DispatchResult {
			T::ConsortiumOrigin::ensure_origin(origin)?;
			let city = Cities::<T>::get(&id).ok_or(Error::<T>::UnknownCity)?;
			ensure!(
				Cities::<T>::count().saturating_sub(1) >= T::MinValidators::get(),
				Error::<T>::BelowMinimumValidators
			);
			let trading_centre = city.trading_centre;

			pallet_session::Pallet::<T>::purge_keys(
				RawOrigin::Signed(trading_centre.clone()).into(),
			)?;
			for peer in &city.peers {
				pallet_node_authorization::Pallet::<T>::remove_well_known_node(
					RawOrigin::Root.into(),
					OpaquePeerId(peer.to_vec()),
				)?;
				CityOfPeer::<T>::remove(peer);
			}
			let council = Self::council_after(Some(&trading_centre));
			T::Council::change_members_sorted(
				&[],
				core::slice::from_ref(&trading_centre),
				&council,
			);
			CityOfTradingCentre::<T>::remove(&trading_centre);
			Cities::<T>::remove(&id);
			// The provider taken at admission. If the account still has other references
			// (a certificate, say), it stays alive, which is harmless.
			let _ = frame_system::Pallet::<T>::dec_providers(&trading_centre);
			ValidatorSetChanged::<T>::put(true);
			Self::deposit_event(Event::CityRemoved { city: id, trading_centre });
			Ok(())
		}

		/// Give the signer's city validator new session keys (signed by its trading centre).
		///
		/// `proof` shows that the trading centre holds the keys. The new keys are used from the
		/// session after next; until then the old keys keep authoring.
		#[pallet::call_index(2)]
		#[pallet::weight(<T as Config>::WeightInfo::rotate_session_keys())]
		pub fn rotate_session_keys(
			origin: OriginFor<T>,
			session_keys: KeysOf<T>,
			proof: SessionKeysProof,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let proof = proof.into_inner();
			let id = CityOfTradingCentre::<T>::get(&who).ok_or(Error::<T>::NotATradingCentre)?;
			let encoded_keys = Self::check_keys(&who, &session_keys, &proof)?;
			pallet_session::Pallet::<T>::set_keys(
				RawOrigin::Signed(who).into(),
				session_keys,
				proof,
			)?;
			Cities::<T>::try_mutate(&id, |city| -> DispatchResult {
				let city = city.as_mut().ok_or(Error::<T>::UnknownCity)?;
				city.session_keys = encoded_keys;
				Ok(())
			})?;
			Self::deposit_event(Event::SessionKeysRotated { city: id });
			Ok(())
		}

		/// Replace one of the signer's city nodes on the allow-list (signed by its trading
		/// centre), for example after a node's key was lost or its machine replaced.
		#[pallet::call_index(3)]
		#[pallet::weight(<T as Config>::WeightInfo::replace_peer_id())]
		pub fn replace_peer_id(origin: OriginFor<T>, old: PeerId, new: PeerId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let id = CityOfTradingCentre::<T>::get(&who).ok_or(Error::<T>::NotATradingCentre)?;
			ensure!(CityOfPeer::<T>::get(&old).as_ref() == Some(&id), Error::<T>::UnknownPeerId);
			let new = Self::new_peer(new.into_inner())?;
			pallet_node_authorization::Pallet::<T>::swap_well_known_node(
				RawOrigin::Root.into(),
				OpaquePeerId(old.to_vec()),
				OpaquePeerId(new.to_vec()),
			)?;
			Cities::<T>::try_mutate(&id, |city| -> DispatchResult {
				let city = city.as_mut().ok_or(Error::<T>::UnknownCity)?;
				let slot =
					city.peers.iter_mut().find(|p| **p == old).ok_or(Error::<T>::UnknownPeerId)?;
				*slot = new.clone();
				Ok(())
			})?;
			CityOfPeer::<T>::remove(&old);
			CityOfPeer::<T>::insert(&new, id.clone());
			Self::deposit_event(Event::PeerIdReplaced { city: id, old, new });
			Ok(())
		}

		/// Dispatch `call` as Root (consortium origin: a two-thirds council motion).
		///
		/// This is how the council is the chain's root authority where a call requires Root:
		/// a runtime upgrade (`System::set_code`), or a change of a stored parameter such as the
		/// minimum tender notice. No single city, and no sudo key on the `local` chain, can do it.
		/// The call's own failure is reported in the `Enacted` event.
		#[pallet::call_index(4)]
		#[pallet::weight({
			let info = call.get_dispatch_info();
			(<T as Config>::WeightInfo::enact().saturating_add(info.call_weight), info.class)
		})]
		pub fn enact(
			origin: OriginFor<T>,
			call: alloc::boxed::Box<<T as Config>::RuntimeCall>,
		) -> DispatchResult {
			T::ConsortiumOrigin::ensure_origin(origin)?;
			let result = call.dispatch(RawOrigin::Root.into()).map(|_| ()).map_err(|e| e.error);
			Self::deposit_event(Event::Enacted { result });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// The trading-centre account of `city`, if the city is admitted.
		pub fn trading_centre_of(city: &CityId) -> Option<T::AccountId> {
			Cities::<T>::get(city).map(|c| c.trading_centre)
		}

		/// The city whose trading centre signs with `account`, if any.
		pub fn city_of_trading_centre(account: &T::AccountId) -> Option<CityId> {
			CityOfTradingCentre::<T>::get(account)
		}

		/// The validators of the register: every city's trading centre, in city-id order.
		pub fn validators() -> Vec<T::AccountId> {
			let mut cities: Vec<(CityId, T::AccountId)> =
				Cities::<T>::iter().map(|(id, city)| (id, city.trading_centre)).collect();
			cities.sort_by(|a, b| a.0.cmp(&b.0));
			cities.into_iter().map(|(_, account)| account).collect()
		}

		/// The sorted council after the register's current members, minus `leaving`.
		fn council_after(leaving: Option<&T::AccountId>) -> Vec<T::AccountId> {
			let mut members: Vec<T::AccountId> = Cities::<T>::iter_values()
				.map(|city| city.trading_centre)
				.filter(|account| Some(account) != leaving)
				.collect();
			members.sort();
			members
		}

		fn bounded_name(name: Vec<u8>) -> Result<BoundedVec<u8, T::MaxNameLen>, DispatchError> {
			ensure!(!name.is_empty(), Error::<T>::InvalidName);
			Ok(name.try_into().map_err(|_| Error::<T>::InvalidName)?)
		}

		/// Checks one peer id not yet on the allow-list.
		fn new_peer(peer: Vec<u8>) -> Result<PeerId, DispatchError> {
			ensure!(!peer.is_empty(), Error::<T>::InvalidPeerId);
			let peer: PeerId = peer.try_into().map_err(|_| Error::<T>::InvalidPeerId)?;
			ensure!(!CityOfPeer::<T>::contains_key(&peer), Error::<T>::PeerIdInUse);
			ensure!(
				!pallet_node_authorization::WellKnownNodes::<T>::get()
					.contains(&OpaquePeerId(peer.to_vec())),
				Error::<T>::PeerIdInUse
			);
			Ok(peer)
		}

		/// Checks a new city's peer ids: at least one, at most `MaxPeersPerCity`, all new.
		fn new_peers(
			peers: Vec<Vec<u8>>,
		) -> Result<BoundedVec<PeerId, T::MaxPeersPerCity>, DispatchError> {
			ensure!(!peers.is_empty(), Error::<T>::NoPeerIds);
			ensure!(peers.len() as u32 <= T::MaxPeersPerCity::get(), Error::<T>::TooManyPeerIds);
			let mut checked = Vec::with_capacity(peers.len());
			for peer in peers {
				let peer = Self::new_peer(peer)?;
				ensure!(!checked.contains(&peer), Error::<T>::PeerIdInUse);
				checked.push(peer);
			}
			Ok(checked.try_into().map_err(|_| Error::<T>::TooManyPeerIds)?)
		}

		/// Checks that no other validator uses any of `keys` and that `owner` proved holding
		/// them; returns their encoding for the city record.
		fn check_keys(
			owner: &T::AccountId,
			keys: &KeysOf<T>,
			proof: &[u8],
		) -> Result<EncodedSessionKeys, DispatchError> {
			for key_type in <KeysOf<T> as OpaqueKeys>::key_ids() {
				let in_use =
					pallet_session::Pallet::<T>::key_owner(*key_type, keys.get_raw(*key_type))
						.is_some_and(|holder| &holder != owner);
				ensure!(!in_use, Error::<T>::SessionKeysInUse);
			}
			ensure!(
				proof.len() <= MAX_PROOF_LEN
					&& owner.using_encoded(|owner| keys.ownership_proof_is_valid(owner, proof)),
				Error::<T>::InvalidSessionKeysProof
			);
			Ok(keys.encode().try_into().map_err(|_| Error::<T>::InvalidSessionKeysProof)?)
		}
	}

	/// The validator set follows the register: when a city was admitted or removed, the next
	/// session queues the register's validators.
	impl<T: Config> pallet_session::SessionManager<T::AccountId> for Pallet<T> {
		fn new_session(new_index: SessionIndex) -> Option<Vec<T::AccountId>> {
			if !ValidatorSetChanged::<T>::take() {
				return None;
			}
			let validators = Self::validators();
			Self::deposit_event(Event::ValidatorSetQueued {
				session: new_index,
				validators: validators.clone(),
			});
			Some(validators)
		}

		fn new_session_genesis(_new_index: SessionIndex) -> Option<Vec<T::AccountId>> {
			Some(Self::validators())
		}

		fn end_session(_end_index: SessionIndex) {}

		fn start_session(_start_index: SessionIndex) {}
	}
}

/// The council's per-member bound on open motions, as pallet-collective's `Consideration`.
///
/// pallet-collective bounds the motion queue as a whole (`MaxProposals`) but not per member: one
/// city could fill it and keep every other city's motion out. With `Consideration =
/// ProposalTicket<Runtime>`, the council asks for a ticket whenever a member opens a motion; the
/// ticket counts the motion against the member in [`OpenProposals`] and is refused with
/// [`Error::TooManyOpenProposals`] above [`Config::MaxOpenProposalsPerMember`].
///
/// The count falls again when the council gives the ticket back: `release_proposal_cost`
/// (anyone may call it once the motion is closed or disapproved) drops it, and `kill` burns it
/// — a killed motion frees its slot too, since a slot is not a deposit to lose. A member whose
/// motions have ended calls `release_proposal_cost` for each to open new ones.
#[derive(
	frame_support::CloneNoBound,
	frame_support::PartialEqNoBound,
	frame_support::EqNoBound,
	frame_support::DebugNoBound,
	codec::Encode,
	codec::Decode,
	scale_info::TypeInfo,
	codec::MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(encode_bound())]
#[codec(decode_bound())]
#[codec(mel_bound())]
pub struct ProposalTicket<T: Config>(core::marker::PhantomData<fn() -> T>);

impl<T: Config> ProposalTicket<T> {
	/// Counts one more open motion of `who`, refusing above the limit.
	fn open(who: &T::AccountId) -> Result<Self, sp_runtime::DispatchError> {
		OpenProposals::<T>::try_mutate(who, |count| {
			let open = count.unwrap_or(0);
			frame_support::ensure!(
				open < <T::MaxOpenProposalsPerMember as frame_support::traits::Get<u32>>::get(),
				Error::<T>::TooManyOpenProposals
			);
			*count = Some(open.saturating_add(1));
			Ok(Self(core::marker::PhantomData))
		})
	}

	/// Counts one open motion of `who` less; the entry goes when none is left.
	fn close(who: &T::AccountId) {
		OpenProposals::<T>::mutate_exists(who, |count| {
			*count = count.and_then(|n| n.checked_sub(1)).filter(|n| *n > 0);
		});
	}
}

impl<T: Config> frame_support::traits::Consideration<T::AccountId, u32> for ProposalTicket<T> {
	/// A new motion of `who`; the footprint (the council's whole queue) is not needed: the
	/// council bounds it itself.
	fn new(who: &T::AccountId, _footprint: u32) -> Result<Self, sp_runtime::DispatchError> {
		Self::open(who)
	}

	/// The same motion: the count does not change.
	fn update(
		self,
		_who: &T::AccountId,
		_footprint: u32,
	) -> Result<Self, sp_runtime::DispatchError> {
		Ok(self)
	}

	/// The motion ended and its ticket is released: one open motion less.
	fn drop(self, who: &T::AccountId) -> Result<(), sp_runtime::DispatchError> {
		Self::close(who);
		Ok(())
	}

	/// The motion was killed: one open motion less, as for `drop`.
	fn burn(self, who: &T::AccountId) {
		Self::close(who);
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn ensure_successful(who: &T::AccountId, _footprint: u32) {
		OpenProposals::<T>::remove(who);
	}
}

impl<T: Config> frame_support::traits::MaybeConsideration<T::AccountId, u32> for ProposalTicket<T> {
	/// A ticket always counts: the council must keep it to give it back.
	fn is_none(&self) -> bool {
		false
	}
}
