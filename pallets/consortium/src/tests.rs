//! The rules of the consortium register, one test each.

use crate::{mock::*, Cities, CityId};

fn city_id(code: &[u8]) -> CityId {
	code.to_vec().try_into().expect("short test id")
}

#[test]
fn genesis_registers_every_founding_city() {
	new_test_ext().execute_with(|| {
		assert_eq!(Cities::<Test>::count(), 3);
		let baiyin = Cities::<Test>::get(city_id(b"BY")).expect("Baiyin is admitted");
		assert_eq!(baiyin.name.to_vec(), b"Baiyin".to_vec());
		assert_eq!(baiyin.province.to_vec(), b"Gansu".to_vec());
		assert_eq!(baiyin.trading_centre, BAIYIN);
	});
}

#[test]
fn trading_centre_and_city_look_each_other_up() {
	new_test_ext().execute_with(|| {
		assert_eq!(Consortium::trading_centre_of(&city_id(b"LZ")), Some(LANZHOU));
		assert_eq!(Consortium::city_of_trading_centre(&TIANSHUI), Some(city_id(b"TS")));
		assert_eq!(Consortium::trading_centre_of(&city_id(b"JQ")), None);
		assert_eq!(Consortium::city_of_trading_centre(&99), None);
	});
}

#[test]
fn trading_centres_can_sign_without_a_currency() {
	// A provider reference makes the account exist, which the nonce check requires.
	new_test_ext().execute_with(|| {
		for account in [BAIYIN, LANZHOU, TIANSHUI] {
			assert_eq!(System::providers(&account), 1);
		}
		assert_eq!(System::providers(&99), 0);
	});
}

#[test]
#[should_panic(expected = "genesis lists a city id twice")]
fn genesis_refuses_a_duplicate_city_id() {
	let mut cities = founding_cities();
	cities.push(("BY".into(), "Baiyin again".into(), "Gansu".into(), 7));
	ext_with(cities);
}

#[test]
#[should_panic(expected = "genesis gives two cities the same trading-centre account")]
fn genesis_refuses_a_shared_trading_centre_account() {
	let mut cities = founding_cities();
	cities.push(("JQ".into(), "Jiuquan".into(), "Gansu".into(), BAIYIN));
	ext_with(cities);
}

#[test]
#[should_panic(expected = "genesis lists more cities than MaxCities")]
fn genesis_refuses_more_cities_than_the_bound() {
	let mut cities = founding_cities();
	cities.push(("JQ".into(), "Jiuquan".into(), "Gansu".into(), 4));
	cities.push(("ZY".into(), "Zhangye".into(), "Gansu".into(), 5));
	ext_with(cities);
}
