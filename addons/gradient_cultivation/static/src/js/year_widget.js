odoo.define('gradient_cultivation.year_widget', function (require) {
"use strict";
/**
 * An integer shown as a year: 2025, never "2,025" (Odoo formats integers with the
 * language's thousands separator). Editing works as for any integer.
 */
var basicFields = require('web.basic_fields');
var registry = require('web.field_registry');

var FieldYear = basicFields.FieldInteger.extend({
    _formatValue: function (value) {
        return (value || value === 0) ? String(value) : '';
    },
});

registry.add('year', FieldYear);
return FieldYear;
});
