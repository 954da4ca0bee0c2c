<?php
// This file is part of Moodle - https://moodle.org/
//
// Moodle is free software: you can redistribute it and/or modify
// it under the terms of the GNU General Public License as published by
// the Free Software Foundation, either version 3 of the License, or
// (at your option) any later version.
//
// Moodle is distributed in the hope that it will be useful,
// but WITHOUT ANY WARRANTY; without even the implied warranty of
// MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
// GNU General Public License for more details.
//
// You should have received a copy of the GNU General Public License
// along with Moodle.  If not, see <https://www.gnu.org/licenses/>.


/**
 * A stand-in for Moodle's core_external, without Moodle: the description classes and the two functions that check
 * what goes in and out of a web service, `validate_parameters` and `clean_returnvalue`, ported from Moodle 4.5
 * (lib/external/classes/external_api.php, external_description.php, external_value.php, external_single_structure.php,
 * external_multiple_structure.php, and validate_param / clean_param / fix_utf8 of lib/moodlelib.php for the PARAM
 * types the plugins use). Lets the pure tests, tools/wordcloud-states.php and tools/quiz-states.php pass the word cloud's results through
 * its real `execute_returns()` structures, as lib/ajax/service.php does before it sends them.
 *
 * Only for tests: loaded by nothing that Moodle runs.
 *
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

namespace {
    defined('VALUE_REQUIRED') || define('VALUE_REQUIRED', 1);
    defined('VALUE_OPTIONAL') || define('VALUE_OPTIONAL', 2);
    defined('VALUE_DEFAULT') || define('VALUE_DEFAULT', 0);
    defined('NULL_NOT_ALLOWED') || define('NULL_NOT_ALLOWED', false);
    defined('NULL_ALLOWED') || define('NULL_ALLOWED', true);
    defined('PARAM_INT') || define('PARAM_INT', 'int');
    defined('PARAM_BOOL') || define('PARAM_BOOL', 'bool');
    defined('PARAM_RAW') || define('PARAM_RAW', 'raw');
    defined('PARAM_ALPHA') || define('PARAM_ALPHA', 'alpha');
    defined('PARAM_ALPHAEXT') || define('PARAM_ALPHAEXT', 'alphaext');
    defined('PARAM_ALPHANUMEXT') || define('PARAM_ALPHANUMEXT', 'alphanumext');
    defined('PARAM_FLOAT') || define('PARAM_FLOAT', 'float');

    if (!class_exists('invalid_parameter_exception')) {
        /**
         * Moodle's invalid_parameter_exception (errorcode invalidparameter).
         */
        class invalid_parameter_exception extends \Exception {
            /** @var string */
            public $errorcode = 'invalidparameter';
            /** @var string */
            public $debuginfo;

            /**
             * Constructor.
             *
             * @param string $debuginfo
             */
            public function __construct($debuginfo = '') {
                $this->debuginfo = $debuginfo;
                parent::__construct('Invalid parameter value detected (' . $debuginfo . ')');
            }
        }

        /**
         * Moodle's invalid_response_exception.
         */
        class invalid_response_exception extends \Exception {
            /** @var string */
            public $debuginfo;

            /**
             * Constructor.
             *
             * @param string $debuginfo
             */
            public function __construct($debuginfo = '') {
                $this->debuginfo = $debuginfo;
                parent::__construct('Invalid response value detected (' . $debuginfo . ')');
            }
        }
    }

    if (!function_exists('validate_param')) {
        /**
         * Moodle's fix_utf8 for a string: no null bytes, no invalid sequences.
         *
         * @param mixed $value
         * @return mixed
         */
        function fix_utf8($value) {
            if (!is_string($value) || $value === '' || (string) (int) $value === $value) {
                return $value;
            }
            $value = str_replace("\0", '', $value);
            return (string) @iconv('UTF-8', 'UTF-8//IGNORE', $value);
        }

        /**
         * Moodle's clean_param for the types used here.
         *
         * @param mixed $param
         * @param string $type
         * @return mixed
         */
        function clean_param($param, $type) {
            switch ($type) {
                case PARAM_RAW:
                    return fix_utf8($param);
                case PARAM_INT:
                    return (int) $param;
                case PARAM_FLOAT:
                    return (float) $param;
                case PARAM_BOOL:
                    $text = strtolower((string) $param);
                    if ($text === 'on' || $text === 'yes' || $text === 'true') {
                        return 1;
                    }
                    if ($text === 'off' || $text === 'no' || $text === 'false') {
                        return 0;
                    }
                    return empty($param) ? 0 : 1;
                case PARAM_ALPHA:
                    return preg_replace('/[^a-zA-Z]/i', '', (string) $param);
                case PARAM_ALPHAEXT:
                    return preg_replace('/[^a-zA-Z_-]/i', '', (string) $param);
                case PARAM_ALPHANUMEXT:
                    return preg_replace('/[^A-Za-z0-9_-]/i', '', (string) $param);
            }
            throw new \LogicException("The stand-in does not know the type {$type}");
        }

        /**
         * Moodle's validate_param.
         *
         * @param mixed $param
         * @param string $type
         * @param bool $allownull
         * @param string $debuginfo
         * @return mixed
         */
        function validate_param($param, $type, $allownull = NULL_NOT_ALLOWED, $debuginfo = '') {
            if (is_null($param)) {
                if ($allownull == NULL_ALLOWED) {
                    return null;
                }
                throw new invalid_parameter_exception($debuginfo);
            }
            if (is_array($param) || is_object($param)) {
                throw new invalid_parameter_exception($debuginfo);
            }
            $cleaned = clean_param($param, $type);
            if ($type === PARAM_FLOAT) {
                // As core\param::validate_param(): no precision check, numbers or numeric text only.
                if (!is_float($param) && !is_int($param) && (!is_numeric($param)
                        || !preg_match('/^[\+-]?[0-9]*\.?[0-9]*(e[-+]?[0-9]+)?$/i', (string) $param))) {
                    throw new invalid_parameter_exception($debuginfo);
                }
            } else if ((string) $param !== (string) $cleaned) {
                throw new invalid_parameter_exception($debuginfo);
            }
            return $cleaned;
        }
    }
}

namespace core_external {
    /**
     * Common ancestor of the descriptions.
     */
    abstract class external_description {
        /** @var string */
        public $desc;
        /** @var int */
        public $required;
        /** @var mixed */
        public $default;
        /** @var bool */
        public $allownull;

        /**
         * Constructor.
         *
         * @param string $desc
         * @param int $required
         * @param mixed $default
         * @param bool $allownull
         */
        public function __construct($desc, $required, $default, $allownull = NULL_NOT_ALLOWED) {
            $this->desc = $desc;
            $this->required = $required;
            $this->default = $default;
            $this->allownull = (bool) $allownull;
        }
    }

    /**
     * A scalar (null allowed by default, as in Moodle).
     */
    class external_value extends external_description {
        /** @var string */
        public $type;

        /**
         * Constructor.
         *
         * @param string $type
         * @param string $desc
         * @param int $required
         * @param mixed $default
         * @param bool $allownull
         */
        public function __construct($type, $desc = '', $required = VALUE_REQUIRED, $default = null,
                $allownull = NULL_ALLOWED) {
            parent::__construct($desc, $required, $default, $allownull);
            $this->type = $type;
        }
    }

    /**
     * An associative array.
     */
    class external_single_structure extends external_description {
        /** @var array */
        public $keys;

        /**
         * Constructor.
         *
         * @param array $keys
         * @param string $desc
         * @param int $required
         * @param mixed $default
         * @param bool $allownull
         */
        public function __construct(array $keys, $desc = '', $required = VALUE_REQUIRED, $default = null,
                $allownull = NULL_NOT_ALLOWED) {
            parent::__construct($desc, $required, $default, $allownull);
            $this->keys = $keys;
        }
    }

    /**
     * A list.
     */
    class external_multiple_structure extends external_description {
        /** @var external_description */
        public $content;

        /**
         * Constructor.
         *
         * @param external_description $content
         * @param string $desc
         * @param int $required
         * @param mixed $default
         * @param bool $allownull
         */
        public function __construct(external_description $content, $desc = '', $required = VALUE_REQUIRED,
                $default = null, $allownull = NULL_NOT_ALLOWED) {
            parent::__construct($desc, $required, $default, $allownull);
            $this->content = $content;
        }
    }

    /**
     * The top level of a function's parameters.
     */
    class external_function_parameters extends external_single_structure {
    }

    /**
     * The two checks of Moodle's external_api, as Moodle 4.5 runs them.
     */
    class external_api {
        /**
         * Validates parameters (external_api::validate_parameters).
         *
         * @param external_description $description
         * @param mixed $params
         * @return mixed
         */
        public static function validate_parameters(external_description $description, $params) {
            if ($params === null && $description->allownull == NULL_ALLOWED) {
                return null;
            }
            if ($description instanceof external_value) {
                if (is_array($params) || is_object($params)) {
                    throw new \invalid_parameter_exception('Scalar type expected, array or object received.');
                }
                if ($description->type == PARAM_BOOL) {
                    if (is_bool($params) || $params === 0 || $params === 1 || $params === '0' || $params === '1') {
                        return (bool) $params;
                    }
                }
                return validate_param($params, $description->type, $description->allownull, 'Invalid parameter');
            } else if ($description instanceof external_single_structure) {
                if (!is_array($params)) {
                    throw new \invalid_parameter_exception('Only arrays accepted.');
                }
                $result = [];
                foreach ($description->keys as $key => $subdesc) {
                    if (!array_key_exists($key, $params)) {
                        if ($subdesc->required == VALUE_REQUIRED) {
                            throw new \invalid_parameter_exception("Missing required key in single structure: {$key}");
                        }
                        if ($subdesc->required == VALUE_DEFAULT) {
                            $result[$key] = static::validate_parameters($subdesc, $subdesc->default);
                        }
                    } else {
                        $result[$key] = static::validate_parameters($subdesc, $params[$key]);
                    }
                    unset($params[$key]);
                }
                if (!empty($params)) {
                    throw new \invalid_parameter_exception('Unexpected keys (' . implode(', ', array_keys($params)) .
                        ') detected in parameter array.');
                }
                return $result;
            } else if ($description instanceof external_multiple_structure) {
                if (!is_array($params)) {
                    throw new \invalid_parameter_exception('Only arrays accepted.');
                }
                $result = [];
                foreach ($params as $param) {
                    $result[] = static::validate_parameters($description->content, $param);
                }
                return $result;
            }
            throw new \invalid_parameter_exception('Invalid external api description');
        }

        /**
         * Cleans a result (external_api::clean_returnvalue).
         *
         * @param external_description $description
         * @param mixed $response
         * @return mixed
         */
        public static function clean_returnvalue(external_description $description, $response) {
            if ($response === null && $description->allownull == NULL_ALLOWED) {
                return null;
            }
            if ($description instanceof external_value) {
                if (is_array($response) || is_object($response)) {
                    throw new \invalid_response_exception('Scalar type expected, array or object received.');
                }
                if ($description->type == PARAM_BOOL) {
                    if (is_bool($response) || $response === 0 || $response === 1 || $response === '0' || $response === '1') {
                        return (bool) $response;
                    }
                }
                try {
                    return validate_param($response, $description->type, $description->allownull,
                        'Invalid external api response: ' . var_export($response, true));
                } catch (\invalid_parameter_exception $e) {
                    throw new \invalid_response_exception($e->debuginfo);
                }
            } else if ($description instanceof external_single_structure) {
                if (!is_array($response) && !is_object($response)) {
                    throw new \invalid_response_exception('Only arrays/objects accepted.');
                }
                $response = (array) $response;
                $result = [];
                foreach ($description->keys as $key => $subdesc) {
                    if (!array_key_exists($key, $response)) {
                        if ($subdesc->required == VALUE_REQUIRED) {
                            throw new \invalid_response_exception(
                                "Error in response - Missing following required key in a single structure: {$key}");
                        }
                        if ($subdesc instanceof external_value && $subdesc->required == VALUE_DEFAULT) {
                            $result[$key] = static::clean_returnvalue($subdesc, $subdesc->default);
                        }
                    } else {
                        try {
                            $result[$key] = static::clean_returnvalue($subdesc, $response[$key]);
                        } catch (\invalid_response_exception $e) {
                            throw new \invalid_response_exception("{$key} => " . $e->getMessage() . ': ' . $e->debuginfo);
                        }
                    }
                    unset($response[$key]);
                }
                return $result;
            } else if ($description instanceof external_multiple_structure) {
                if (!is_array($response)) {
                    throw new \invalid_response_exception('Only arrays accepted.');
                }
                $result = [];
                foreach ($response as $param) {
                    $result[] = static::clean_returnvalue($description->content, $param);
                }
                return $result;
            }
            throw new \invalid_response_exception('Invalid external api response description');
        }
    }
}
