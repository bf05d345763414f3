odoo.define('gradient_cultivation.portal_chatter_dates', function (require) {
"use strict";
/**
 * The portal chatter's dates in the reader's language and in its usual order
 * ("2026年11月30日下午1点01分"): moment.js's localized format instead of Odoo 11's fixed
 * English one ("MMMM Do YYYY, h:mm:ss a", which gave "十一月 30日 2026, 1:01:51 下午").
 */
var core = require('web.core');
var time = require('web.time');
var PortalChatter = require('portal.chatter').PortalChatter;

var _t = core._t;

PortalChatter.include({
    preprocessMessages: function (messages) {
        messages = this._super.apply(this, arguments);
        _.each(messages, function (message) {
            var date = moment(time.str_to_datetime(message.date));
            message.published_date_str = _.str.sprintf(_t('Published on %s'), date.format('LLL'));
        });
        return messages;
    },
});

});
